package com.mallsync.ops.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncTarget;

/**
 * One event of an order as the order view shows it.
 *
 * @param event      PAID, CONFIRMED, CANCELLED or REFUNDED
 * @param line       the refunded line's id for REFUNDED, else {@code null}
 * @param eventId    its eventId (the record's {@code ce_id}, or the outcome's), when known
 * @param receivedAt when ingest accepted it (its first record on {@code orders.paid.v1}), or {@code null} when only
 *                   outcomes of it were read
 * @param outcomes   target → its latest outcome there (status, reason, externalRef, attempts, at)
 * @param waiting    targets with no outcome of it yet
 * @param overdue    those of them waiting longer than {@code ops.overdue-after}
 */
public record EventView(OrderEvent event, Long line, UUID eventId, Instant receivedAt,
                        Map<SyncTarget, SyncOutcome> outcomes, List<SyncTarget> waiting, List<SyncTarget> overdue) {
}
