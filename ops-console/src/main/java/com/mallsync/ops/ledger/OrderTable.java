package com.mallsync.ops.ledger;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The ledger's orders: a set of {@link PackedOrder}s found by their key, open addressing over {@code byte[][]}
 * segments with linear probing and backward-shift deletion (no tombstones: a window that evicts for months stays as
 * fast as a fresh table). A slot is one reference (4 bytes): the hash is computed again from the packed key when a
 * segment grows or a deletion shifts, not stored. The segmented growth (64 segments, each grown by half at 3/4 full,
 * so a growth copies 1/64 of the table) is outcome-index's {@code OutcomeTable}'s; that table maps 128-bit keys to a
 * {@code long} and is not public, this one holds variable-length keys and values, so the idea is shared, not the
 * class. Not thread-safe: {@link OrderLedger} calls it under its lock.
 */
final class OrderTable {

    private static final int MIN_SLOTS = 16;
    private static final int SEGMENTS = 64;

    private final byte[][][] slots = new byte[SEGMENTS][][];
    private final int[] used = new int[SEGMENTS];
    private int size;

    OrderTable() {
        for (int g = 0; g < SEGMENTS; g++) {
            slots[g] = new byte[MIN_SLOTS][];
        }
    }

    int size() {
        return size;
    }

    /** The packed order of the key whose {@link KeyCode} is {@code code}, or {@code null}. */
    byte[] get(byte[] code) {
        int h = KeyCode.hash(code, 0);
        byte[][] s = slots[segment(h)];
        int i = find(s, h, code);
        return i < 0 ? null : s[i];
    }

    /** Enters {@code packed} (of the key whose code is {@code code}), replacing the order of that key if held. */
    void put(byte[] code, byte[] packed) {
        if (!KeyCode.equals(packed, PackedOrder.KEY_AT, code)) {
            throw new IllegalArgumentException("a packed order of another key");
        }
        int h = KeyCode.hash(code, 0);
        int g = segment(h);
        int i = find(slots[g], h, code);
        if (i >= 0) {
            slots[g][i] = packed;
            return;
        }
        if (used[g] + 1 > slots[g].length - (slots[g].length >>> 2)) {
            grow(g);
        }
        insertNew(slots[g], h, packed);
        used[g]++;
        size++;
    }

    /** @return whether the key whose code is {@code code} was there */
    boolean remove(byte[] code) {
        int h = KeyCode.hash(code, 0);
        int g = segment(h);
        int i = find(slots[g], h, code);
        if (i < 0) {
            return false;
        }
        deleteAt(g, i);
        return true;
    }

    /** Removes every packed order that passes {@code test}; returns how many. */
    int removeIf(Predicate<byte[]> test) {
        int removed = 0;
        for (int g = 0; g < SEGMENTS; g++) {
            // a deletion shifts a later entry of the run into slot i (or, across the wrap, into a slot already looked
            // at whose entry was kept): i is looked at again, so nothing is passed over
            for (int i = 0; i < slots[g].length; ) {
                byte[] packed = slots[g][i];
                if (packed != null && test.test(packed)) {
                    deleteAt(g, i);
                    removed++;
                } else {
                    i++;
                }
            }
        }
        return removed;
    }

    /** Each packed order, in no particular order. */
    void forEach(Consumer<byte[]> action) {
        for (byte[][] s : slots) {
            for (byte[] packed : s) {
                if (packed != null) {
                    action.accept(packed);
                }
            }
        }
    }

    private static int find(byte[][] s, int h, byte[] code) {
        int cap = s.length;
        int i = home(h, cap);
        while (true) {
            byte[] packed = s[i];
            if (packed == null) {
                return -1;
            }
            if (KeyCode.equals(packed, PackedOrder.KEY_AT, code)) {
                return i;
            }
            i = i + 1 == cap ? 0 : i + 1;
        }
    }

    private static void insertNew(byte[][] s, int h, byte[] packed) {
        int cap = s.length;
        int i = home(h, cap);
        while (s[i] != null) {
            i = i + 1 == cap ? 0 : i + 1;
        }
        s[i] = packed;
    }

    /** Backward-shift deletion: moves each later entry of the run that may live in the hole into it. */
    private void deleteAt(int g, int hole) {
        byte[][] s = slots[g];
        int cap = s.length;
        int j = hole;
        while (true) {
            j = j + 1 == cap ? 0 : j + 1;
            if (s[j] == null) {
                break;
            }
            int home = home(KeyCode.hash(s[j], PackedOrder.KEY_AT), cap);
            // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                s[hole] = s[j];
                hole = j;
            }
        }
        s[hole] = null;
        used[g]--;
        size--;
    }

    private void grow(int g) {
        long grown = (long) slots[g].length + (slots[g].length >>> 1);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("order table full at " + size + " orders");
        }
        byte[][] fresh = new byte[(int) grown][];
        for (byte[] packed : slots[g]) {
            if (packed != null) {
                insertNew(fresh, KeyCode.hash(packed, PackedOrder.KEY_AT), packed);
            }
        }
        slots[g] = fresh;
    }

    private static int segment(int h) {
        return h & (SEGMENTS - 1);
    }

    private static int home(int h, int cap) {
        return (int) (((h >>> 6) * (long) cap) >>> 26);
    }
}
