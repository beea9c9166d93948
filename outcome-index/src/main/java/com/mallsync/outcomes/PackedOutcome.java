package com.mallsync.outcomes;

import com.mallsync.model.event.SyncStatus;

/**
 * An event's latest terminal status at a target and when it was published (epoch ms; what the window evicts by) in
 * one long, the value of {@link OutcomeTable}: the status's ordinal + 1 in the top byte (so never 0, the table's
 * free slot), the time in the other 56 bits, signed (a record without a timestamp has -1; 2^55 ms is a million
 * years).
 */
final class PackedOutcome {

    private static final SyncStatus[] STATUSES = SyncStatus.values();
    private static final int TIME_BITS = 56;

    private PackedOutcome() {
    }

    static long of(SyncStatus status, long at) {
        return (long) (status.ordinal() + 1) << TIME_BITS | at & ((1L << TIME_BITS) - 1);
    }

    /** The status, or {@code null} for 0 (nothing held). */
    static SyncStatus status(long packed) {
        return packed == 0 ? null : STATUSES[(int) (packed >>> TIME_BITS) - 1];
    }

    static long time(long packed) {
        return packed << (Long.SIZE - TIME_BITS) >> (Long.SIZE - TIME_BITS);
    }
}
