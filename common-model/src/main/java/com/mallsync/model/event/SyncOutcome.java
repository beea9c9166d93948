package com.mallsync.model.event;

import java.time.Instant;
import java.util.UUID;

import com.mallsync.model.Topics;

/**
 * One order event's fate at one target: the value of {@code orders.outcomes.v1} (contract schema).
 *
 * @param eventId     the {@link OrderPaid#eventId()} this outcome answers
 * @param mallId      the mall
 * @param orderNo     the mall's order number
 * @param target      CRM_2030 or ERP
 * @param status      SYNCED, DUPLICATE, REJECTED, FAILED or SKIPPED
 * @param externalRef the ERP's OuterTradeID, or the 2030 batch id; may be {@code null}
 * @param attempts    how many calls it took, at least 1 for anything sent, 0 for an order refused before sending
 * @param reason      why, for REJECTED, FAILED and SKIPPED; for SYNCED only to flag the order {@link #IN_DOUBT} (the target
 *                    may hold it twice); {@code null} otherwise
 * @param at          when the fate was decided
 * @param event       which event of the order this answers; {@code null} (records written before the lifecycle
 *                    existed) reads as PAID
 * @param line        the refunded line's id for a REFUNDED event, else {@code null}
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
        Instant at,
        OrderEvent event,
        Long line) {

    public SyncOutcome {
        event = event == null ? OrderEvent.PAID : event;
    }

    /** An outcome of a PAID event, as records before the lifecycle carried it. */
    public SyncOutcome(UUID eventId, long mallId, String orderNo, SyncTarget target, SyncStatus status,
                       String externalRef, int attempts, String reason, Instant at) {
        this(eventId, mallId, orderNo, target, status, externalRef, attempts, reason, at, OrderEvent.PAID, null);
    }

    /** The outcome of {@code order}'s event ({@link OrderPaid#event()}, {@link OrderPaid#line()}). */
    public static SyncOutcome of(OrderPaid order, SyncTarget target, SyncStatus status, String externalRef,
                                 int attempts, String reason, Instant at) {
        return new SyncOutcome(order.eventId(), order.mallId(), order.orderNo(), target, status, externalRef,
                attempts, reason, at, order.event(), order.line());
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
