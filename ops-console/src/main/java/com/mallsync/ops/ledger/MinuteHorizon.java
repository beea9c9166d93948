package com.mallsync.ops.ledger;

import java.time.Duration;

/**
 * The oldest minute a per-minute series keeps while it is written: {@code keep} before the newest minute written.
 * The series are read for the last {@code keep} before now at most, and a minute older than the newest written one
 * by more than that can never be read again (outcomes are not written ahead of the clock), so it is dropped as soon
 * as it is written, not when a page first asks. Not thread-safe: its owner is called under the ledger's lock.
 */
final class MinuteHorizon {

    private final long keepMinutes;
    private long newest = Long.MIN_VALUE;

    MinuteHorizon(Duration keep) {
        this.keepMinutes = keep.toMinutes();
    }

    /** A minute was written; whether it is the newest so far (then the owner drops what is older than {@link #oldest}). */
    boolean advance(long minute) {
        if (minute <= newest) {
            return false;
        }
        newest = minute;
        return true;
    }

    /** The oldest minute kept (epoch minute); everything when nothing was written yet. */
    long oldest() {
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - keepMinutes;
    }
}
