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
 * @param reason      why, for REJECTED and FAILED; for SYNCED only to flag the order {@link #IN_DOUBT} (the target
 *                    may hold it twice); {@code null} otherwise
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

    /**
     * How {@link #reason} starts when the target may hold the order twice: a call for it got no answer and it was
     * sent again (SYNCED), or it is held for a person to check (FAILED). See erp-sync-service's README.
     */
    public static final String IN_DOUBT = "in doubt";

    /** The reason flags this order {@link #IN_DOUBT}. */
    public boolean inDoubt() {
        return reason != null && reason.startsWith(IN_DOUBT);
    }

    /** The record key: the order's. */
    public String key() {
        return Topics.orderKey(mallId, orderNo);
    }
}
