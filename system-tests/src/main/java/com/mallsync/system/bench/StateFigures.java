package com.mallsync.system.bench;

import java.util.List;

/**
 * The state benchmark's figures at one size.
 *
 * @param orders         orders written
 * @param paidRecords    records written to {@code orders.paid.v1} (one per event)
 * @param outcomeRecords records written to {@code orders.outcomes.v1} (one per event per target)
 * @param ledgerRecords  records written to erp-sync's ledger (one per ERP order: sales and returns)
 * @param bytes          value bytes written over all three topics (uncompressed)
 * @param fillMs         how long writing them took
 * @param services       member-sync, erp-sync, ops-console, in the order they were started
 * @param summaryMs      the console's {@code GET /api/summary}, milliseconds, after it caught up
 * @param searchMs       the console's order search {@code GET /api/orders?no=…}, milliseconds
 * @param notes          anything that went differently
 */
public record StateFigures(int orders, long paidRecords, long outcomeRecords, long ledgerRecords, long bytes,
                           long fillMs, List<ServiceState> services, Percentiles summaryMs, Percentiles searchMs,
                           List<String> notes) {

    public StateFigures {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
    }
}
