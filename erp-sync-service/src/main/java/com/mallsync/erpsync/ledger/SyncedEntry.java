package com.mallsync.erpsync.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One order the ERP confirmed, or one whose first call is about to be made: the value of the compacted
 * {@code erp-sync.synced.v1} topic, keyed by order key (a return: {@code mallId:} + the return's OuterID).
 *
 * @param eventId      the event the call was for (PAID for the sale; REFUNDED or CANCELLED for a return)
 * @param outerTradeId the ERP order number (null when pending, or when the ERP only said it had the order already)
 * @param attempts     calls it took
 * @param at           when the ERP confirmed it, or when the call started
 * @param pending      written before the first call: a call was started and its answer not yet recorded. Found at
 *                     the start of processing, it means an earlier instance stopped mid-call (the order is in doubt).
 *                     Absent in entries written before this field existed: those are confirmations.
 */
public record SyncedEntry(UUID eventId, String outerTradeId, int attempts, Instant at, boolean pending) {

    /** A confirmation. */
    public SyncedEntry(UUID eventId, String outerTradeId, int attempts, Instant at) {
        this(eventId, outerTradeId, attempts, at, false);
    }

    /** The mark written before an order's first call. */
    public static SyncedEntry calling(UUID eventId, Instant at) {
        return new SyncedEntry(eventId, null, 0, at, true);
    }

    /**
     * Which entry to keep for one order: a confirmation is never replaced by a pending mark, and a later
     * confirmation that has no ERP order number (the ERP only said it had the order already: a zombie's late call,
     * a replay) keeps the number of the one before it. The order number of an order never changes, so it is never
     * lost once known.
     */
    public static SyncedEntry merge(SyncedEntry held, SyncedEntry incoming) {
        if (held == null || held.pending()) {
            return incoming;
        }
        if (incoming.pending()) {
            return held;
        }
        if (incoming.outerTradeId() == null && held.outerTradeId() != null) {
            return new SyncedEntry(incoming.eventId(), held.outerTradeId(), incoming.attempts(), incoming.at());
        }
        return incoming;
    }
}
