package com.mallsync.erpsync.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The ledger's map, order key → {@link SyncedEntry}, compact: each entry is one {@code byte[]} (eventId, time,
 * attempts, flags, the key and the ERP order number, two characters to a byte where they are digits and the few
 * other characters they are made of, else UTF-8), the table an open-addressing array of them with linear probing
 * and backward-shift deletion. About 72 bytes an entry (a key of 24 and an OuterTradeID of 15 characters), against
 * about 240 for a {@code ConcurrentHashMap<String, SyncedEntry>} (a node, the key String and
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
    // eventId msb, lsb (8 + 8), at seconds (8), at nanos (4), attempts (4), flags (1), then the key's char or byte
    // count (2) and its bytes, then the OuterTradeID's bytes (the rest)
    private static final int FLAGS = 32;
    private static final int KEY = 33;
    private static final int KEY_DATA = KEY + 2;
    private static final byte PENDING = 1;
    private static final byte HAS_REF = 2;
    private static final byte HAS_AT = 4;
    private static final byte KEY_PACKED = 8;
    private static final byte REF_PACKED = 16;
    private static final byte REF_ODD = 32;
    /**
     * Order keys ({@code 222:20250320165809904355}, a return's {@code …-R7} or {@code …-C}) and ERP order numbers
     * (digits, or the sandbox's {@code ERP000000000123}) are written in these 16 characters: two to a byte. Any other
     * text is kept as UTF-8. Which one is fixed by the text, so one key always encodes the same way.
     */
    private static final String PACKABLE = "0123456789:-RCEP";

    private byte[][] slots = new byte[MIN_SLOTS][];
    private int size;

    /** The entry held for {@code key}, or {@code null}. */
    synchronized SyncedEntry get(String key) {
        int i = find(Key.of(key));
        return i < 0 ? null : decode(slots[i]);
    }

    /** Keeps {@link SyncedEntry#merge}(held, incoming). */
    synchronized void merge(String key, SyncedEntry incoming) {
        Key k = Key.of(key);
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
        int i = find(Key.of(key));
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

    /** A key as an entry holds it: packed or UTF-8 ({@link #PACKABLE}), with its char or byte count. */
    record Key(boolean packed, int count, byte[] data) {
        static Key of(String text) {
            byte[] packed = pack(text);
            if (packed != null) {
                return new Key(true, text.length(), packed);
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xffff) {
                throw new IllegalArgumentException("ledger key of " + utf8.length + " bytes");
            }
            return new Key(false, utf8.length, utf8);
        }
    }

    static byte[] encode(Key key, SyncedEntry entry) {
        String refText = entry.outerTradeId();
        byte[] packedRef = refText == null ? null : pack(refText);
        byte[] ref = refText == null ? new byte[0] : packedRef != null ? packedRef
                : refText.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(KEY_DATA + key.data().length + ref.length);
        b.putLong(entry.eventId().getMostSignificantBits()).putLong(entry.eventId().getLeastSignificantBits());
        b.putLong(entry.at() == null ? 0 : entry.at().getEpochSecond())
                .putInt(entry.at() == null ? 0 : entry.at().getNano());
        b.putInt(entry.attempts());
        int flags = (entry.pending() ? PENDING : 0) | (refText != null ? HAS_REF : 0) | (entry.at() != null ? HAS_AT : 0)
                | (key.packed() ? KEY_PACKED : 0) | (packedRef != null ? REF_PACKED : 0)
                | (packedRef != null && refText.length() % 2 == 1 ? REF_ODD : 0);
        b.put((byte) flags);
        b.putShort((short) key.count());
        b.put(key.data()).put(ref);
        return b.array();
    }

    static SyncedEntry decode(byte[] e) {
        ByteBuffer b = ByteBuffer.wrap(e);
        UUID eventId = new UUID(b.getLong(0), b.getLong(8));
        byte flags = e[FLAGS];
        Instant at = (flags & HAS_AT) == 0 ? null : Instant.ofEpochSecond(b.getLong(16), b.getInt(24));
        int refStart = KEY_DATA + keyBytes(e);
        String ref = null;
        if ((flags & HAS_REF) != 0) {
            ref = (flags & REF_PACKED) == 0 ? new String(e, refStart, e.length - refStart, StandardCharsets.UTF_8)
                    : unpack(e, refStart, (e.length - refStart) * 2 - ((flags & REF_ODD) != 0 ? 1 : 0));
        }
        return new SyncedEntry(eventId, ref, b.getInt(28), at, (flags & PENDING) != 0);
    }

    /** Two characters of {@link #PACKABLE} to a byte, or {@code null} when the text has another character. */
    static byte[] pack(String text) {
        byte[] out = new byte[(text.length() + 1) / 2];
        for (int i = 0; i < text.length(); i++) {
            int nibble = PACKABLE.indexOf(text.charAt(i));
            if (nibble < 0) {
                return null;
            }
            out[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
        }
        return out;
    }

    static String unpack(byte[] bytes, int from, int chars) {
        StringBuilder text = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            int b = bytes[from + i / 2];
            text.append(PACKABLE.charAt(i % 2 == 0 ? (b >> 4) & 0xf : b & 0xf));
        }
        return text.toString();
    }

    private static long millis(byte[] e) {
        ByteBuffer b = ByteBuffer.wrap(e);
        return Instant.ofEpochSecond(b.getLong(16), b.getInt(24)).toEpochMilli();
    }

    private static int keyCount(byte[] e) {
        return ((e[KEY] & 0xff) << 8) | (e[KEY + 1] & 0xff);
    }

    /** How many bytes the entry's key takes. */
    private static int keyBytes(byte[] e) {
        int count = keyCount(e);
        return (e[FLAGS] & KEY_PACKED) != 0 ? (count + 1) / 2 : count;
    }

    private static boolean sameKey(byte[] e, Key key) {
        return ((e[FLAGS] & KEY_PACKED) != 0) == key.packed() && keyCount(e) == key.count()
                && Arrays.equals(e, KEY_DATA, KEY_DATA + key.data().length, key.data(), 0, key.data().length);
    }

    private int find(Key key) {
        byte[][] s = slots;
        int i = home(hash(key.packed(), key.data(), 0, key.data().length), s.length);
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
        return hash((entry[FLAGS] & KEY_PACKED) != 0, entry, KEY_DATA, keyBytes(entry));
    }

    private static long hash(boolean packed, byte[] bytes, int from, int length) {
        long h = packed ? 1125899906842597L : 7L;
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
