package com.mallsync.erpsync.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One order the ERP confirmed: the value of the compacted {@code erp-sync.synced.v1} topic, keyed by order key.
 *
 * @param eventId      the OrderPaid event
 * @param outerTradeId the ERP order number
 * @param attempts     calls it took
 * @param at           when the ERP confirmed it
 */
public record SyncedEntry(UUID eventId, String outerTradeId, int attempts, Instant at) {
}
