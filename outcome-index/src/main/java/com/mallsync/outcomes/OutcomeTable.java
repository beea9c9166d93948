package com.mallsync.outcomes;

/**
 * A map from a 128-bit key (a UUID's two halves) to one non-zero {@code long}, in a single {@code long[]}: open
 * addressing with linear probing, three longs a slot (msb, lsb, value), {@code value == 0} marking a free slot, and
 * backward-shift deletion (no tombstones, so a table that evicts for months stays as fast as a fresh one). About
 * 24 bytes a slot and at most 0.75 of the slots used: 32 to 48 bytes an entry, against about 100 for a
 * {@code ConcurrentHashMap<UUID, record>} (a node, a UUID and a record per entry).
 *
 * <p>Why our own: fastutil, Agrona, HPPC and Eclipse Collections all offer {@code long → long} maps but none a
 * 128-bit primitive key, and keying by one half or by a hash of the UUID would let two events share an entry (a
 * collision would skip an unsent order: a loss). The whole key is compared on every lookup here.
 *
 * <p>Grows by half (not doubling: the slot count is any int, mapped from the hash by multiply-and-shift), so a
 * table of 1.9 M entries holds 2.5 to 3.8 M slots rather than 4.2 M. Not thread-safe: {@link OutcomeIndex} guards
 * it with one lock.
 */
final class OutcomeTable {

    private static final int STRIDE = 3;
    private static final int MIN_SLOTS = 16;

    private long[] slots;
    private int capacity;
    private int size;

    OutcomeTable() {
        this(MIN_SLOTS);
    }

    OutcomeTable(int initialSlots) {
        capacity = Math.max(MIN_SLOTS, initialSlots);
        slots = new long[capacity * STRIDE];
    }

    int size() {
        return size;
    }

    /** Slots allocated (for the memory figures and tests). */
    int capacity() {
        return capacity;
    }

    /** The value held for the key, or 0 when there is none. */
    long get(long msb, long lsb) {
        int i = find(msb, lsb);
        return i < 0 ? 0 : slots[i * STRIDE + 2];
    }

    /** Enters or replaces the key's value. */
    void put(long msb, long lsb, long value) {
        if (value == 0) {
            throw new IllegalArgumentException("0 marks a free slot");
        }
        int i = find(msb, lsb);
        if (i >= 0) {
            slots[i * STRIDE + 2] = value;
            return;
        }
        if ((size + 1) > capacity - (capacity >>> 2)) {
            grow();
        }
        insertNew(slots, capacity, msb, lsb, value);
        size++;
    }

    /** @return whether the key was there */
    boolean remove(long msb, long lsb) {
        int i = find(msb, lsb);
        if (i < 0) {
            return false;
        }
        deleteAt(i);
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
        // A deletion shifts later entries of the same run back into slot i (or, across the wrap, into slots already
        // looked at whose entries were kept): i is looked at again, so nothing unlooked-at is passed over.
        for (int i = 0; i < capacity; ) {
            long value = slots[i * STRIDE + 2];
            if (value != 0 && test.test(value)) {
                deleteAt(i);
                removed++;
            } else {
                i++;
            }
        }
        return removed;
    }

    private int find(long msb, long lsb) {
        long[] s = slots;
        int cap = capacity;
        int i = home(msb, lsb, cap);
        while (true) {
            int at = i * STRIDE;
            if (s[at + 2] == 0) {
                return -1;
            }
            if (s[at] == msb && s[at + 1] == lsb) {
                return i;
            }
            i = i + 1 == cap ? 0 : i + 1;
        }
    }

    private static void insertNew(long[] s, int cap, long msb, long lsb, long value) {
        int i = home(msb, lsb, cap);
        while (s[i * STRIDE + 2] != 0) {
            i = i + 1 == cap ? 0 : i + 1;
        }
        int at = i * STRIDE;
        s[at] = msb;
        s[at + 1] = lsb;
        s[at + 2] = value;
    }

    /** Backward-shift deletion: moves each later entry of the run that may live in the hole into it. */
    private void deleteAt(int hole) {
        long[] s = slots;
        int cap = capacity;
        int j = hole;
        while (true) {
            j = j + 1 == cap ? 0 : j + 1;
            int at = j * STRIDE;
            if (s[at + 2] == 0) {
                break;
            }
            int home = home(s[at], s[at + 1], cap);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                int h = hole * STRIDE;
                s[h] = s[at];
                s[h + 1] = s[at + 1];
                s[h + 2] = s[at + 2];
                hole = j;
            }
        }
        int h = hole * STRIDE;
        s[h] = 0;
        s[h + 1] = 0;
        s[h + 2] = 0;
        size--;
    }

    private void grow() {
        long grown = (long) capacity + (capacity >>> 1);
        if (grown * STRIDE > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("outcome table full at " + size + " entries");
        }
        int cap = (int) grown;
        long[] fresh = new long[cap * STRIDE];
        long[] s = slots;
        for (int at = 0; at < s.length; at += STRIDE) {
            if (s[at + 2] != 0) {
                insertNew(fresh, cap, s[at], s[at + 1], s[at + 2]);
            }
        }
        slots = fresh;
        capacity = cap;
    }

    /** The slot to start probing at: the key mixed (both halves), its high 32 bits scaled to the slot count. */
    private static int home(long msb, long lsb, int cap) {
        long h = mix(msb ^ mix(lsb));
        return (int) (((h >>> 32) * cap) >>> 32);
    }

    /** The finaliser of SplitMix64 / MurmurHash3: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
