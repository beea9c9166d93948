package com.mallsync.outcomes;

import com.mallsync.model.event.SyncStatus;

/**
 * An event's latest terminal status at a target and when it was published (what the window evicts by) in 32 bits,
 * the value of {@link OutcomeTable}: the status's ordinal + 1 in the top 3 bits (so never 0, the table's free slot),
 * the time in whole minutes in the other 29, signed (2^28 minutes is 510 years either side of 1970).
 *
 * <p>Minutes, rounded up: the time read back is never before the real one, so an outcome is kept up to a minute
 * longer than its window, never forgotten early (forgetting late is safe; early could let a redelivery be sent
 * again). A record without a timestamp (-1) reads back as 0, still older than any window. Taken and given as
 * {@code long} so the index's code is the same as with the 64-bit value it replaces.
 */
final class PackedOutcome {

    private static final SyncStatus[] STATUSES = SyncStatus.values();
    private static final int TIME_BITS = 29;
    private static final long MINUTE = 60_000;
    private static final long MAX_MINUTES = (1L << (TIME_BITS - 1)) - 1;

    static {
        if (STATUSES.length >= 1 << (Integer.SIZE - TIME_BITS)) {
            throw new ExceptionInInitializerError("3 bits hold at most 7 statuses, there are " + STATUSES.length);
        }
    }

    private PackedOutcome() {
    }

    static long of(SyncStatus status, long at) {
        long minutes = Math.min(MAX_MINUTES, Math.max(-MAX_MINUTES, Math.floorDiv(at, MINUTE)
                + (Math.floorMod(at, MINUTE) == 0 ? 0 : 1)));
        return (status.ordinal() + 1) << TIME_BITS | (int) minutes & ((1 << TIME_BITS) - 1);
    }

    /** The status, or {@code null} for 0 (nothing held). */
    static SyncStatus status(long packed) {
        int bits = (int) packed;
        return bits == 0 ? null : STATUSES[(bits >>> TIME_BITS) - 1];
    }

    /** The time (epoch ms) at a whole minute, not before the one packed. */
    static long time(long packed) {
        int bits = (int) packed;
        return (long) (bits << (Integer.SIZE - TIME_BITS) >> (Integer.SIZE - TIME_BITS)) * MINUTE;
    }
}
