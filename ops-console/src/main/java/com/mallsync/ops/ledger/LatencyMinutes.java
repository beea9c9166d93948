package com.mallsync.ops.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mallsync.model.event.SyncTarget;

/**
 * End-to-end latency (receipt at ingest → outcome decided) per target and minute, as a histogram per minute rather
 * than every sample, so memory is bounded whatever the rate: {@value #BUCKETS} counters per target and minute that
 * had an outcome, kept {@code keep} (24 h: at most 1,440 minutes × 2 targets × 1.5 KiB ≈ 4 MiB).
 *
 * <p>Buckets grow by a factor of 2^(1/8) (≈ 9 %) from 1 ms, so a percentile read from them is within 9 % of the
 * true one, up to about 2^(190/8) ms (≈ 150 days). Written here rather than taken from HdrHistogram because a
 * fixed array of longs per minute is all the console needs and is smaller than an HdrHistogram of the same range.
 * Not thread-safe: {@link OrderLedger} calls it under its lock.
 */
public final class LatencyMinutes {

    static final int BUCKETS = 192;
    private static final double STEPS_PER_DOUBLING = 8;

    private final TreeMap<Long, long[][]> perMinute = new TreeMap<>();
    private final Duration keep;
    private final MinuteHorizon horizon;

    LatencyMinutes(Duration keep) {
        this.keep = keep;
        this.horizon = new MinuteHorizon(keep);
    }

    /**
     * One order reached its fate at {@code target} {@code latency} after ingest accepted it. A sample more than
     * {@code keep} older than the newest one recorded is not kept (a console catching up on weeks of outcomes would
     * otherwise hold a histogram for every minute of them until the first page asked).
     */
    void record(SyncTarget target, Instant decidedAt, Duration latency) {
        long minute = decidedAt.getEpochSecond() / 60;
        if (horizon.advance(minute)) {
            perMinute.headMap(horizon.oldest(), false).clear();
        }
        if (minute < horizon.oldest()) {
            return;
        }
        perMinute.computeIfAbsent(minute, m -> new long[SyncTarget.values().length][BUCKETS])
                [target.ordinal()][bucket(latency.toMillis())]++;
    }

    /** How many minutes hold a histogram now. */
    int minutesHeld() {
        return perMinute.size();
    }

    /**
     * p50 and p99 per minute of {@code [from, to]} for one target; minutes without a sample are left out.
     */
    List<Point> series(SyncTarget target, Instant from, Instant to) {
        prune(to);
        List<Point> points = new ArrayList<>();
        for (Map.Entry<Long, long[][]> e : perMinute.subMap(from.getEpochSecond() / 60, true,
                to.getEpochSecond() / 60, true).entrySet()) {
            long[] counts = e.getValue()[target.ordinal()];
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            if (total > 0) {
                points.add(new Point(e.getKey() * 60, total, percentile(counts, total, 0.50),
                        percentile(counts, total, 0.99)));
            }
        }
        return points;
    }

    static int bucket(long millis) {
        if (millis <= 1) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(millis) / Math.log(2) * STEPS_PER_DOUBLING);
        return Math.min(BUCKETS - 1, b);
    }

    /** The upper bound of a bucket, in ms: what a percentile that falls in it reads as. */
    static long upper(int bucket) {
        return Math.round(Math.pow(2, bucket / STEPS_PER_DOUBLING));
    }

    private static long percentile(long[] counts, long total, double p) {
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return upper(b);
            }
        }
        return upper(counts.length - 1);
    }

    private void prune(Instant now) {
        perMinute.headMap(now.minus(keep).getEpochSecond() / 60, false).clear();
    }

    /**
     * @param minute epoch second of the minute's start
     * @param count  outcomes decided in it
     * @param p50Ms  median latency, ms (bucket upper bound)
     * @param p99Ms  99th percentile, ms (bucket upper bound)
     */
    public record Point(long minute, long count, long p50Ms, long p99Ms) {
    }
}
