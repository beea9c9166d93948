package com.mallsync.ops.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * Outcome records per target and status: per minute (by each outcome's {@code at}, kept {@code keep}) and in total
 * since the console started. Every record counts, whichever event of an order it answers. Not thread-safe:
 * {@link OrderLedger} calls it under its lock.
 */
final class OutcomeCounts {

    private static final int SLOTS = SyncTarget.values().length * SyncStatus.values().length;

    private final TreeMap<Long, long[]> perMinute = new TreeMap<>();
    private final long[] totals = new long[SLOTS];
    private final Duration keep;
    private final MinuteHorizon horizon;

    OutcomeCounts(Duration keep) {
        this.keep = keep;
        this.horizon = new MinuteHorizon(keep);
    }

    /** Counts the outcome in the totals, and in its minute unless that is {@code keep} older than the newest one. */
    void add(SyncOutcome outcome) {
        int slot = index(outcome.target(), outcome.status());
        totals[slot]++;
        long minute = outcome.at().truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
        if (horizon.advance(minute)) {
            perMinute.headMap(horizon.oldest(), false).clear();
        }
        if (minute >= horizon.oldest()) {
            perMinute.computeIfAbsent(minute, m -> new long[SLOTS])[slot]++;
        }
    }

    /** How many minutes hold counters now. */
    int minutesHeld() {
        return perMinute.size();
    }

    long total(SyncTarget target, SyncStatus status) {
        return totals[index(target, status)];
    }

    /** Outcome records per target and status decided within {@code window} before {@code now}. */
    Map<SyncTarget, Map<SyncStatus, Long>> counts(Instant now, Duration window) {
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

    /** Outcome records per minute of the last {@code span}, every minute present (zeros too), oldest first. */
    OrderLedger.Timeline timeline(Instant now, Duration span) {
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
        return new OrderLedger.Timeline(minutes, counts);
    }

    private void prune(Instant now) {
        perMinute.headMap(now.minus(keep).getEpochSecond() / 60, false).clear();
    }

    private static int index(SyncTarget target, SyncStatus status) {
        return target.ordinal() * SyncStatus.values().length + status.ordinal();
    }
}
