package com.mallsync.erpsync.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The ledger's map, order key → {@link SyncedEntry}, compact: each entry is one {@code byte[]} (eventId, time,
 * attempts, flags, the key's and the ERP order number's UTF-8 bytes), the table an open-addressing array of them
 * with linear probing and backward-shift deletion. About 90 bytes an entry (a key of 24 and an OuterTradeID of 15
 * characters), against about 240 for a {@code ConcurrentHashMap<String, SyncedEntry>} (a node, the key String and
 * its array, the record, its UUID, its Instant, the OuterTradeID String and its array). {@link SyncedEntry} stays the
 * wire format and what {@link #get} answers: each look-up decodes one.
 *
 * <p>The whole key is compared on every look-up (its bytes, never a hash alone: two orders sharing an entry would
 * make one a DUPLICATE of the other, never sent). Grows by half (any slot count, mapped by multiply-and-shift).
 * Thread-safe: every method holds the table's lock (the ledger's tail thread writes and evicts, the workers look up
 * and record).
 */
final class LedgerEntries {

    private static final int MIN_SLOTS = 16;
    // eventId msb, lsb (8 + 8), at seconds (8), at nanos (4), attempts (4), flags (1), key length (2)
    private static final int HEADER = 35;
    private static final int FLAGS = 32;
    private static final int KEY_LENGTH = 33;
    private static final byte PENDING = 1;
    private static final byte HAS_REF = 2;
    private static final byte HAS_AT = 4;

    private byte[][] slots = new byte[MIN_SLOTS][];
    private int size;

    /** The entry held for {@code key}, or {@code null}. */
    synchronized SyncedEntry get(String key) {
        int i = find(utf8(key));
        return i < 0 ? null : decode(slots[i]);
    }

    /** Keeps {@link SyncedEntry#merge}(held, incoming). */
    synchronized void merge(String key, SyncedEntry incoming) {
        byte[] k = utf8(key);
        int i = find(k);
        SyncedEntry held = i < 0 ? null : decode(slots[i]);
        SyncedEntry kept = SyncedEntry.merge(held, incoming);
        if (kept == held) {
            return;
        }
        byte[] encoded = encode(k, kept);
        if (i >= 0) {
            slots[i] = encoded;
            return;
        }
        if (size + 1 > slots.length - (slots.length >>> 2)) {
            grow();
        }
        insertNew(slots, encoded);
        size++;
    }

    /** Removes the entry if it is a pending mark (a confirmation is never removed); returns whether it did. */
    synchronized boolean removePending(String key) {
        int i = find(utf8(key));
        if (i < 0 || (slots[i][FLAGS] & PENDING) == 0) {
            return false;
        }
        deleteAt(i);
        return true;
    }

    /** Removes the entries whose time is before {@code cutoff} (epoch ms); one without a time is kept. */
    synchronized int removeOlderThan(long cutoff) {
        int removed = 0;
        // A deletion shifts later entries of the run back into slot i: it is looked at again (see OutcomeTable).
        for (int i = 0; i < slots.length; ) {
            byte[] e = slots[i];
            if (e != null && (e[FLAGS] & HAS_AT) != 0 && millis(e) < cutoff) {
                deleteAt(i);
                removed++;
            } else {
                i++;
            }
        }
        return removed;
    }

    synchronized int size() {
        return size;
    }

    /** Slots allocated (tests). */
    synchronized int capacity() {
        return slots.length;
    }

    static byte[] encode(byte[] key, SyncedEntry entry) {
        byte[] ref = entry.outerTradeId() == null ? new byte[0] : entry.outerTradeId().getBytes(StandardCharsets.UTF_8);
        if (key.length > Short.MAX_VALUE * 2 + 1) {
            throw new IllegalArgumentException("ledger key of " + key.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER + key.length + ref.length);
        b.putLong(entry.eventId().getMostSignificantBits()).putLong(entry.eventId().getLeastSignificantBits());
        b.putLong(entry.at() == null ? 0 : entry.at().getEpochSecond()).putInt(entry.at() == null ? 0
                : entry.at().getNano());
        b.putInt(entry.attempts());
        b.put((byte) ((entry.pending() ? PENDING : 0) | (entry.outerTradeId() != null ? HAS_REF : 0)
                | (entry.at() != null ? HAS_AT : 0)));
        b.putShort((short) key.length);
        b.put(key).put(ref);
        return b.array();
    }

    static SyncedEntry decode(byte[] e) {
        ByteBuffer b = ByteBuffer.wrap(e);
        UUID eventId = new UUID(b.getLong(0), b.getLong(8));
        byte flags = e[FLAGS];
        Instant at = (flags & HAS_AT) == 0 ? null : Instant.ofEpochSecond(b.getLong(16), b.getInt(24));
        int refStart = HEADER + keyLength(e);
        String ref = (flags & HAS_REF) == 0 ? null
                : new String(e, refStart, e.length - refStart, StandardCharsets.UTF_8);
        return new SyncedEntry(eventId, ref, b.getInt(28), at, (flags & PENDING) != 0);
    }

    private static long millis(byte[] e) {
        ByteBuffer b = ByteBuffer.wrap(e);
        return Instant.ofEpochSecond(b.getLong(16), b.getInt(24)).toEpochMilli();
    }

    private static int keyLength(byte[] e) {
        return ((e[KEY_LENGTH] & 0xff) << 8) | (e[KEY_LENGTH + 1] & 0xff);
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean sameKey(byte[] e, byte[] key) {
        return keyLength(e) == key.length && Arrays.equals(e, HEADER, HEADER + key.length, key, 0, key.length);
    }

    private int find(byte[] key) {
        byte[][] s = slots;
        int i = home(hash(key, 0, key.length), s.length);
        while (true) {
            byte[] e = s[i];
            if (e == null) {
                return -1;
            }
            if (sameKey(e, key)) {
                return i;
            }
            i = i + 1 == s.length ? 0 : i + 1;
        }
    }

    private static void insertNew(byte[][] s, byte[] entry) {
        int i = home(hashOf(entry), s.length);
        while (s[i] != null) {
            i = i + 1 == s.length ? 0 : i + 1;
        }
        s[i] = entry;
    }

    private void deleteAt(int hole) {
        byte[][] s = slots;
        int j = hole;
        while (true) {
            j = j + 1 == s.length ? 0 : j + 1;
            if (s[j] == null) {
                break;
            }
            int home = home(hashOf(s[j]), s.length);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                s[hole] = s[j];
                hole = j;
            }
        }
        s[hole] = null;
        size--;
    }

    private void grow() {
        long grown = (long) slots.length + (slots.length >>> 1);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("ledger table full at " + size + " entries");
        }
        byte[][] fresh = new byte[(int) grown][];
        for (byte[] e : slots) {
            if (e != null) {
                insertNew(fresh, e);
            }
        }
        slots = fresh;
    }

    private static long hashOf(byte[] entry) {
        return hash(entry, HEADER, keyLength(entry));
    }

    private static long hash(byte[] bytes, int from, int length) {
        long h = 1125899906842597L;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + bytes[i];
        }
        return mix(h);
    }

    private static int home(long hash, int slotCount) {
        return (int) (((hash >>> 32) * slotCount) >>> 32);
    }

    /** The finaliser of SplitMix64 / MurmurHash3. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
