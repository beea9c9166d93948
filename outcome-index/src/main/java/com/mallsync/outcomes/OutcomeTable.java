package com.mallsync.outcomes;

/**
 * A map from a 128-bit key (a UUID's two halves) to one non-zero 32-bit value ({@link PackedOutcome}'s), in
 * segments: open addressing with linear probing, per slot two longs (msb, lsb) in a {@code long[]} and the value in
 * an {@code int[]}, {@code value == 0} marking a free slot, and backward-shift deletion (no tombstones, so a table
 * that evicts for months stays as fast as a fresh one). 20 bytes a slot, between 0.6 and 0.75 of the slots used:
 * about 30 bytes an entry (it was 24-byte slots grown by half, about 41 bytes an entry measured at 1.9 M entries),
 * against about 87 for a {@code ConcurrentHashMap<UUID, record>} (a node, a UUID and a record per entry).
 *
 * <p>Why our own: fastutil, Agrona, HPPC and Eclipse Collections all offer {@code long → long} maps but none a
 * 128-bit primitive key, and keying by one half or by a hash of the UUID would let two events share an entry (a
 * collision would skip an unsent order: a loss); none of them is in this build's offline repository either. The
 * whole key is compared on every lookup here.
 *
 * <p>In 64 segments, each grown by a quarter at 3/4 full (not doubled: the slot count is any int, mapped from the hash by
 * multiply-and-shift): a growth copies 1/64 of the table, not all of it (a 70 MB array and its 47 MB predecessor
 * both alive at once would not fit beside erp-sync's ledger in 256 MB), and the segments at different fill levels
 * keep about 0.67 of all slots used. Not thread-safe: {@link OutcomeIndex} guards it with one lock.
 */
final class OutcomeTable {

    private static final int MIN_SLOTS = 16;
    /** Segments, each its own open-addressing table, chosen by the hash's low bits: a growth copies one of them. */
    private static final int SEGMENTS = 64;

    /** Per segment: msb, lsb of each slot. */
    private final long[][] keys = new long[SEGMENTS][];
    /** Per segment: each slot's value, 0 when free. */
    private final int[][] values = new int[SEGMENTS][];
    private final int[] capacity = new int[SEGMENTS];
    private final int[] used = new int[SEGMENTS];
    private int size;

    OutcomeTable() {
        for (int g = 0; g < SEGMENTS; g++) {
            capacity[g] = MIN_SLOTS;
            keys[g] = new long[MIN_SLOTS * 2];
            values[g] = new int[MIN_SLOTS];
        }
    }

    int size() {
        return size;
    }

    /** Slots allocated, all segments (for the memory figures and tests). */
    long capacity() {
        long total = 0;
        for (int c : capacity) {
            total += c;
        }
        return total;
    }

    /** The value held for the key, or 0 when there is none. */
    long get(long msb, long lsb) {
        long h = hash(msb, lsb);
        int g = segment(h);
        int i = find(g, h, msb, lsb);
        return i < 0 ? 0 : values[g][i];
    }

    /** Enters or replaces the key's value: a non-zero int (taken as a long so that callers keep theirs). */
    void put(long msb, long lsb, long value) {
        if (value == 0) {
            throw new IllegalArgumentException("0 marks a free slot");
        }
        if (value != (int) value) {
            throw new IllegalArgumentException("a value of 32 bits: " + value);
        }
        long h = hash(msb, lsb);
        int g = segment(h);
        int i = find(g, h, msb, lsb);
        if (i >= 0) {
            values[g][i] = (int) value;
            return;
        }
        if ((used[g] + 1) > capacity[g] - (capacity[g] >>> 2)) {
            grow(g);
        }
        insertNew(keys[g], values[g], capacity[g], h, msb, lsb, (int) value);
        used[g]++;
        size++;
    }

    /** @return whether the key was there */
    boolean remove(long msb, long lsb) {
        long h = hash(msb, lsb);
        int g = segment(h);
        int i = find(g, h, msb, lsb);
        if (i < 0) {
            return false;
        }
        deleteAt(g, i);
        return true;
    }

    /** What {@link #removeIf} asks of each value. */
    @FunctionalInterface
    interface ValueTest {
        boolean test(long value);
    }

    /** Removes every entry whose value passes {@code test}; returns how many. */
    int removeIf(ValueTest test) {
        int removed = 0;
        for (int g = 0; g < SEGMENTS; g++) {
            // A deletion shifts later entries of the same run back into slot i (or, across the wrap, into slots
            // already looked at whose entries were kept): i is looked at again, so nothing unlooked-at is passed over.
            for (int i = 0; i < capacity[g]; ) {
                int value = values[g][i];
                if (value != 0 && test.test(value)) {
                    deleteAt(g, i);
                    removed++;
                } else {
                    i++;
                }
            }
        }
        return removed;
    }

    private int find(int g, long h, long msb, long lsb) {
        long[] k = keys[g];
        int[] v = values[g];
        int cap = capacity[g];
        int i = home(h, cap);
        while (true) {
            if (v[i] == 0) {
                return -1;
            }
            if (k[2 * i] == msb && k[2 * i + 1] == lsb) {
                return i;
            }
            i = i + 1 == cap ? 0 : i + 1;
        }
    }

    private static void insertNew(long[] k, int[] v, int cap, long h, long msb, long lsb, int value) {
        int i = home(h, cap);
        while (v[i] != 0) {
            i = i + 1 == cap ? 0 : i + 1;
        }
        k[2 * i] = msb;
        k[2 * i + 1] = lsb;
        v[i] = value;
    }

    /** Backward-shift deletion: moves each later entry of the run that may live in the hole into it. */
    private void deleteAt(int g, int hole) {
        long[] k = keys[g];
        int[] v = values[g];
        int cap = capacity[g];
        int j = hole;
        while (true) {
            j = j + 1 == cap ? 0 : j + 1;
            if (v[j] == 0) {
                break;
            }
            int home = home(hash(k[2 * j], k[2 * j + 1]), cap);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                k[2 * hole] = k[2 * j];
                k[2 * hole + 1] = k[2 * j + 1];
                v[hole] = v[j];
                hole = j;
            }
        }
        k[2 * hole] = 0;
        k[2 * hole + 1] = 0;
        v[hole] = 0;
        used[g]--;
        size--;
    }

    /** By a quarter: finer steps hold fewer empty slots (a segment is 1/64 of the table, so each copy is small). */
    private void grow(int g) {
        long grown = (long) capacity[g] + (capacity[g] >>> 2);
        if (grown * 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("outcome table full at " + size + " entries");
        }
        int cap = (int) grown;
        long[] freshKeys = new long[cap * 2];
        int[] freshValues = new int[cap];
        long[] k = keys[g];
        int[] v = values[g];
        for (int i = 0; i < capacity[g]; i++) {
            if (v[i] != 0) {
                insertNew(freshKeys, freshValues, cap, hash(k[2 * i], k[2 * i + 1]), k[2 * i], k[2 * i + 1], v[i]);
            }
        }
        keys[g] = freshKeys;
        values[g] = freshValues;
        capacity[g] = cap;
    }

    /** The key mixed (both halves): its low bits pick the segment, its high 32 bits the slot. */
    private static long hash(long msb, long lsb) {
        return mix(msb ^ mix(lsb));
    }

    private static int segment(long h) {
        return (int) h & (SEGMENTS - 1);
    }

    private static int home(long h, int cap) {
        return (int) (((h >>> 32) * cap) >>> 32);
    }

    /** The finaliser of SplitMix64 / MurmurHash3: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
