package com.mallsync.stack.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles of end-to-end latencies (nearest-rank method).
 *
 * @param count how many
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   the slowest
 */
public record LatencyStats(int count, Duration p50, Duration p95, Duration p99, Duration max) {

    public static LatencyStats of(List<Duration> latencies) {
        if (latencies.isEmpty()) {
            return new LatencyStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        List<Duration> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new LatencyStats(sorted.size(), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static Duration rank(List<Duration> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    @Override
    public String toString() {
        return "n=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms".formatted(count, p50.toMillis(), p95.toMillis(),
                p99.toMillis(), max.toMillis());
    }
}
