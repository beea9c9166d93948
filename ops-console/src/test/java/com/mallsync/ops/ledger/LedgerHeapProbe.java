package com.mallsync.ops.ledger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * Not a test: fills an {@link OrderLedger} in process with {@code args[0]} orders shaped as the state benchmark's
 * (keys {@code 222:} + 20 digits, a PAID and a CONFIRMED event each and a REFUNDED line for one in ten, ERP refs
 * {@code ERP%012d}, CRM refs {@code batch-%010d}, the same SKIPPED reasons, outcomes 2 s after their event) and prints
 * the heap used after a full GC, per order, how long the ledger took to read the records (made beforehand, so the time
 * is the ledger's) and how long the summary's scans and a search take. Run it with
 * {@code java -cp <test classpath> com.mallsync.ops.ledger.LedgerHeapProbe 100000}; with
 * {@code -Dprobe.stream=true} each order's records are made and read one order at a time (nothing made beforehand:
 * to see whether the ledger alone fits a heap such as {@code -Xmx256m}; the read time then includes making them).
 */
public final class LedgerHeapProbe {

    private LedgerHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.parseInt(args[0]);
        OrderLedger ledger = new OrderLedger(50);
        long before = usedAfterGc();
        Instant start = Instant.parse("2026-10-01T00:00:00.123456Z");
        // the records made first, so that the time is the ledger's alone
        boolean stream = Boolean.getBoolean("probe.stream");
        List<Runnable> records = new ArrayList<>();
        long streamStart = System.nanoTime();
        int streamed = 0;
        for (int i = 0; i < orders; i++) {
            String orderNo = "4711000016" + String.format("%010d", i);
            String key = "222:" + orderNo;
            Instant paid = start.plusMillis(i * 4838L).plusNanos((i % 1000) * 1000L);
            UUID id = new UUID(0x4711_0000_0000_0000L + i, 0x8000_0000_0000_0000L | i * 31L);
            fill(records, ledger, key, orderNo, id, EventRef.PAID, paid, (long) i * 8,
                    SyncStatus.SYNCED, SyncStatus.SKIPPED);
            fill(records, ledger, key, orderNo, id, new EventRef(OrderEvent.CONFIRMED, null), paid.plusSeconds(1),
                    (long) i * 8 + 1, SyncStatus.SKIPPED, SyncStatus.SYNCED);
            if (i % 10 == 0) {
                fill(records, ledger, key, orderNo, id, new EventRef(OrderEvent.REFUNDED, 1001L), paid.plusSeconds(2),
                        (long) i * 8 + 2, SyncStatus.SYNCED, SyncStatus.SYNCED);
            }
            if (stream) {
                records.forEach(Runnable::run);
                streamed += records.size();
                records.clear();
            }
        }
        long fillStart = System.nanoTime();
        records.forEach(Runnable::run);
        long fillMillis = (System.nanoTime() - (stream ? streamStart : fillStart)) / 1_000_000;
        int recordCount = records.size() + streamed;
        records = null;
        long after = usedAfterGc();
        Instant now = start.plusMillis(orders * 4838L).plusSeconds(60);
        // the summary's scans and the search, five times each: the last (warm) one is printed
        long scanMillis = 0;
        long searchMicros = 0;
        int overdue = 0;
        int awaiting = 0;
        long events = 0;
        int found = 0;
        int views = 0;
        for (int round = 0; round < 5; round++) {
            long scanStart = System.nanoTime();
            overdue = ledger.overdue(now, Duration.ofMinutes(5)).size();
            awaiting = ledger.awaitingConfirmation(now).size();
            events = ledger.eventCount();
            scanMillis = (System.nanoTime() - scanStart) / 1_000_000;
            long searchStart = System.nanoTime();
            found = ledger.keys("4711000016" + String.format("%010d", orders / 2), 10).size();
            views = ledger.events("222:4711000016" + String.format("%010d", orders / 2), now,
                    Duration.ofMinutes(5)).size();
            searchMicros = (System.nanoTime() - searchStart) / 1_000;
        }
        System.out.printf("orders %d, events %d: heap %.1f MiB after full GC (%.1f before), %.0f bytes/order; "
                        + "%d records read in %d ms; overdue %d, awaiting %d, scans %d ms; search found %d with %d events in %d us%n",
                ledger.orderCount(), events, after / 1048576.0, before / 1048576.0,
                (after - before) / (double) orders, recordCount, fillMillis, overdue, awaiting, scanMillis, found, views,
                searchMicros);
        if (args.length > 1) {
            Thread.sleep(Long.parseLong(args[1]) * 1000);
        }
        System.out.println(ledger.orderCount());
    }

    private static void fill(List<Runnable> records, OrderLedger ledger, String key, String orderNo, UUID id,
                             EventRef ref, Instant at, long refNo, SyncStatus erp, SyncStatus crm) {
        records.add(() -> ledger.published(key, ref, id, at, at.toEpochMilli()));
        Instant decided = at.plusSeconds(2);
        SyncOutcome atErp = outcome(orderNo, id, ref, SyncTarget.ERP, erp, refNo, decided);
        SyncOutcome atCrm = outcome(orderNo, id, ref, SyncTarget.CRM_2030, crm, refNo, decided);
        records.add(() -> ledger.outcome(atErp, decided.toEpochMilli()));
        records.add(() -> ledger.outcome(atCrm, decided.toEpochMilli()));
    }

    private static SyncOutcome outcome(String orderNo, UUID id, EventRef ref, SyncTarget target, SyncStatus status,
                                       long refNo, Instant decided) {
        boolean sent = status == SyncStatus.SYNCED;
        String externalRef = !sent ? null : target == SyncTarget.ERP ? "ERP%012d".formatted(refNo)
                : "batch-%010d".formatted(refNo);
        String reason = sent ? null : "nothing to send for " + ref.event() + " at " + target + " by rule";
        return new SyncOutcome(id, 222, orderNo, target, status, externalRef, sent ? 1 : 0, reason, decided,
                ref.event(), ref.line());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
