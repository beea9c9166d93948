package com.mallsync.ops.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * What the console knows from the topics: every paid order (from {@code orders.paid.v1}) and its latest outcome
 * per target (from {@code orders.outcomes.v1}), outcome counts per minute, the latest problems. Fed by
 * {@link LedgerReader}; read by the API. Plain and synchronized, so the rules are unit-tested without Kafka.
 *
 * <p>Memory: one small entry per order (its key, when it was paid, two outcome references), about 200 bytes; a
 * console that has to watch millions of orders would keep this in a compacted topic or a store instead.
 */
public final class OrderLedger {

    private static final Duration KEEP_COUNTS = Duration.ofHours(24);

    private final Map<String, Entry> orders = new HashMap<>();
    private final TreeMap<Long, long[]> perMinute = new TreeMap<>();
    private final Deque<SyncOutcome> problems = new ArrayDeque<>();
    private final int problemsKept;
    private final long[] totals = new long[SyncTarget.values().length * SyncStatus.values().length];
    private long paidRecords;
    private long outcomeRecords;
    private final LatencyMinutes latency = new LatencyMinutes(KEEP_COUNTS);

    public OrderLedger(int problemsKept) {
        this.problemsKept = problemsKept;
    }

    private static final class Entry {
        Instant paidAt;
        final Map<SyncTarget, SyncOutcome> latest = new EnumMap<>(SyncTarget.class);
    }

    /** An order landed on {@code orders.paid.v1} at {@code at} (the record's timestamp); a re-publish keeps the first. */
    public synchronized void paid(String key, Instant at) {
        paidRecords++;
        Entry entry = orders.computeIfAbsent(key, k -> new Entry());
        if (entry.paidAt == null) {
            // outcomes read before their order (two topics, one poll): their latency is known now
            entry.latest.values().forEach(o -> sampleLatency(at, o));
        }
        if (entry.paidAt == null || at.isBefore(entry.paidAt)) {
            entry.paidAt = at;
        }
    }

    /** An outcome was read (in any order relative to its paid record). */
    public synchronized void outcome(SyncOutcome outcome) {
        outcomeRecords++;
        Entry entry = orders.computeIfAbsent(outcome.key(), k -> new Entry());
        if (entry.paidAt != null && !entry.latest.containsKey(outcome.target())) {
            sampleLatency(entry.paidAt, outcome);
        }
        entry.latest.put(outcome.target(), outcome);
        totals[index(outcome.target(), outcome.status())]++;
        long minute = outcome.at().truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
        perMinute.computeIfAbsent(minute, m -> new long[SyncTarget.values().length * SyncStatus.values().length])
                [index(outcome.target(), outcome.status())]++;
        if (!outcome.status().delivered() || outcome.inDoubt()) {
            problems.addFirst(outcome);
            while (problems.size() > problemsKept) {
                problems.removeLast();
            }
        }
    }

    /** Outcome records per target and status decided within {@code window} before {@code now}. */
    public synchronized Map<SyncTarget, Map<SyncStatus, Long>> counts(Instant now, Duration window) {
        prune(now);
        long from = now.minus(window).getEpochSecond() / 60;
        Map<SyncTarget, Map<SyncStatus, Long>> counts = new EnumMap<>(SyncTarget.class);
        for (SyncTarget target : SyncTarget.values()) {
            Map<SyncStatus, Long> byStatus = new EnumMap<>(SyncStatus.class);
            for (SyncStatus status : SyncStatus.values()) {
                byStatus.put(status, 0L);
            }
            counts.put(target, byStatus);
        }
        // the minute that contains 'now - window' counts whole: windows are minute-aligned
        perMinute.tailMap(from, true).values().forEach(slots -> {
            for (SyncTarget target : SyncTarget.values()) {
                for (SyncStatus status : SyncStatus.values()) {
                    counts.get(target).merge(status, slots[index(target, status)], Long::sum);
                }
            }
        });
        return counts;
    }

    /**
     * Outcome records per minute of the last {@code span}, every minute present (zeros too), oldest first: what the
     * page plots. Minutes are epoch seconds of their start.
     */
    public synchronized Timeline timeline(Instant now, Duration span) {
        prune(now);
        long last = now.getEpochSecond() / 60;
        long first = last - Math.max(0, span.toMinutes() - 1);
        int n = (int) (last - first + 1);
        long[] minutes = new long[n];
        Map<SyncTarget, Map<SyncStatus, long[]>> counts = new EnumMap<>(SyncTarget.class);
        for (SyncTarget target : SyncTarget.values()) {
            Map<SyncStatus, long[]> byStatus = new EnumMap<>(SyncStatus.class);
            for (SyncStatus status : SyncStatus.values()) {
                byStatus.put(status, new long[n]);
            }
            counts.put(target, byStatus);
        }
        for (int i = 0; i < n; i++) {
            minutes[i] = (first + i) * 60;
        }
        perMinute.subMap(first, true, last, true).forEach((minute, slots) -> {
            int i = (int) (minute - first);
            for (SyncTarget target : SyncTarget.values()) {
                for (SyncStatus status : SyncStatus.values()) {
                    counts.get(target).get(status)[i] = slots[index(target, status)];
                }
            }
        });
        return new Timeline(minutes, counts);
    }

    /** End-to-end latency p50/p99 per minute of the last {@code span} and target (minutes without outcomes left out). */
    public synchronized Map<SyncTarget, List<LatencyMinutes.Point>> latency(Instant now, Duration span) {
        Map<SyncTarget, List<LatencyMinutes.Point>> out = new EnumMap<>(SyncTarget.class);
        for (SyncTarget target : SyncTarget.values()) {
            out.put(target, latency.series(target, now.minus(span), now));
        }
        return out;
    }

    /** The latest REJECTED/FAILED outcomes and those flagged in doubt (check the ERP), newest first. */
    public synchronized List<SyncOutcome> problems() {
        return List.copyOf(problems);
    }

    /**
     * Reconciliation: orders paid more than {@code after} ago that have no outcome for a target, oldest first.
     */
    public synchronized List<Overdue> overdue(Instant now, Duration after) {
        List<Overdue> overdue = new ArrayList<>();
        Instant cutoff = now.minus(after);
        orders.forEach((key, entry) -> {
            if (entry.paidAt != null && entry.paidAt.isBefore(cutoff)) {
                for (SyncTarget target : SyncTarget.values()) {
                    if (!entry.latest.containsKey(target)) {
                        overdue.add(new Overdue(key, target, entry.paidAt, Duration.between(entry.paidAt, now)));
                    }
                }
            }
        });
        overdue.sort(Comparator.comparing(Overdue::paidAt).thenComparing(Overdue::key));
        return overdue;
    }

    /** How many orders have no outcome for {@code target} yet, overdue or not. */
    public synchronized long pending(SyncTarget target) {
        return orders.values().stream().filter(e -> e.paidAt != null && !e.latest.containsKey(target)).count();
    }

    /** When ingest accepted the order (its first record on {@code orders.paid.v1}), or {@code null}. */
    public synchronized Instant receivedAt(String key) {
        Entry entry = orders.get(key);
        return entry == null ? null : entry.paidAt;
    }

    /** Keys that are {@code query} or whose order number it is (any mall), at most {@code limit}. */
    public synchronized List<String> keys(String query, int limit) {
        List<String> keys = new ArrayList<>();
        if (orders.containsKey(query)) {
            keys.add(query);
        }
        String suffix = ":" + query;
        for (String key : orders.keySet()) {
            if (keys.size() >= limit) {
                break;
            }
            if (key.endsWith(suffix) && key.indexOf(':') == key.length() - suffix.length()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The latest outcome of one order per target. */
    public synchronized Map<SyncTarget, SyncOutcome> latest(String key) {
        Entry entry = orders.get(key);
        return entry == null ? Map.of() : Map.copyOf(entry.latest);
    }

    /** Outcome records read since the console started (it reads the topic from the beginning). */
    public synchronized long total(SyncTarget target, SyncStatus status) {
        return totals[index(target, status)];
    }

    public synchronized long paidRecords() {
        return paidRecords;
    }

    public synchronized long outcomeRecords() {
        return outcomeRecords;
    }

    public synchronized int orderCount() {
        return orders.size();
    }

    /**
     * One latency sample per order and target: its first outcome, from the order's first receipt. Replays and
     * redeliveries decided later are not samples (they would measure how long a person took to replay).
     */
    private void sampleLatency(Instant receivedAt, SyncOutcome outcome) {
        Duration took = Duration.between(receivedAt, outcome.at());
        latency.record(outcome.target(), outcome.at(), took.isNegative() ? Duration.ZERO : took);
    }

    private void prune(Instant now) {
        perMinute.headMap(now.minus(KEEP_COUNTS).getEpochSecond() / 60, false).clear();
    }

    private static int index(SyncTarget target, SyncStatus status) {
        return target.ordinal() * SyncStatus.values().length + status.ordinal();
    }

    /**
     * @param minutes epoch second of each minute's start, oldest first
     * @param counts  target → status → outcome records decided in each minute (same index as {@code minutes})
     */
    public record Timeline(long[] minutes, Map<SyncTarget, Map<SyncStatus, long[]>> counts) {
    }

    /** An order still waiting for its outcome at one target. */
    public record Overdue(String key, SyncTarget target, Instant paidAt, Duration age) {
    }
}
