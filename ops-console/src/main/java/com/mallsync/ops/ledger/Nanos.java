package com.mallsync.ops.ledger;

import java.time.Instant;

/**
 * An {@link Instant} as nanoseconds since the epoch in one {@code long} (exact from 1677 to 2262), so the ledger keeps
 * 8 bytes per time rather than a 24-byte object. {@link #NONE} stands for no time.
 */
final class Nanos {

    static final long NONE = Long.MIN_VALUE;
    private static final long PER_SECOND = 1_000_000_000L;
    private static final long MIN_SECOND = Long.MIN_VALUE / PER_SECOND + 1;
    private static final long MAX_SECOND = Long.MAX_VALUE / PER_SECOND - 1;

    private Nanos() {
    }

    /** Whether {@code at} has an exact value here. */
    static boolean fits(Instant at) {
        return at.getEpochSecond() >= MIN_SECOND && at.getEpochSecond() <= MAX_SECOND;
    }

    /** {@code at}, which {@link #fits}. */
    static long of(Instant at) {
        return at.getEpochSecond() * PER_SECOND + at.getNano();
    }

    /** {@code at}, clamped into the range (for comparisons only). */
    static long clamped(Instant at) {
        if (at.getEpochSecond() < MIN_SECOND) {
            return NONE + 1;
        }
        return at.getEpochSecond() > MAX_SECOND ? Long.MAX_VALUE : of(at);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, PER_SECOND), Math.floorMod(nanos, PER_SECOND));
    }
}
