package com.mallsync.system.bench;

import java.time.Instant;
import java.util.UUID;

/**
 * The value of erp-sync's compacted ledger {@code erp-sync.synced.v1}, as erp-sync writes it (its
 * {@code SyncedEntry}, which lives in erp-sync-service's executable jar and cannot be a dependency here).
 * {@code StateRecordsTest} loads erp-sync's own class from its build output and holds the two equal (same
 * components, and this JSON read by that class), so they cannot drift apart unnoticed.
 *
 * @param eventId      the event the ERP call was for
 * @param outerTradeId the ERP's order number
 * @param attempts     calls it took
 * @param at           when the ERP confirmed it
 * @param pending      false: a confirmation, not the mark before a call
 */
public record LedgerEntry(UUID eventId, String outerTradeId, int attempts, Instant at, boolean pending) {
}
