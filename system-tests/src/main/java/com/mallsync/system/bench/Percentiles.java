package com.mallsync.system.bench;

import java.util.Arrays;

/**
 * Exact percentiles of a set of measurements (nearest-rank), in the unit they were recorded in.
 *
 * @param count how many measurements
 */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Percentiles of(long[] values) {
        if (values.length == 0) {
            return NONE;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest value with at least {@code share} of the values at or below it. */
    static double rank(long[] sorted, double share) {
        int index = (int) Math.ceil(share * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The same percentiles divided by {@code divisor} (e.g. nanoseconds to milliseconds). */
    public Percentiles scaled(double divisor) {
        return new Percentiles(count, p50 / divisor, p95 / divisor, p99 / divisor, max / divisor);
    }
}
