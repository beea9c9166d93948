package com.mallsync.model.event;

import java.time.Instant;
import java.util.UUID;

import com.mallsync.model.Topics;

/**
 * One order's fate at one target: the value of {@code orders.outcomes.v1} (contract schema).
 *
 * @param eventId     the {@link OrderPaid#eventId()} this outcome answers
 * @param mallId      the mall
 * @param orderNo     the mall's order number
 * @param target      CRM_2030 or ERP
 * @param status      SYNCED, DUPLICATE, REJECTED or FAILED
 * @param externalRef the ERP's OuterTradeID, or the 2030 batch id; may be {@code null}
 * @param attempts    how many calls it took, at least 1 for anything sent, 0 for an order refused before sending
 * @param reason      why, for REJECTED and FAILED; may be {@code null} otherwise
 * @param at          when the fate was decided
 */
public record SyncOutcome(
        UUID eventId,
        long mallId,
        String orderNo,
        SyncTarget target,
        SyncStatus status,
        String externalRef,
        int attempts,
        String reason,
        Instant at) {

    public static SyncOutcome of(OrderPaid order, SyncTarget target, SyncStatus status, String externalRef,
                                 int attempts, String reason, Instant at) {
        return new SyncOutcome(order.eventId(), order.mallId(), order.orderNo(), target, status, externalRef,
                attempts, reason, at);
    }

    /** The record key: the order's. */
    public String key() {
        return Topics.orderKey(mallId, orderNo);
    }
}
