package com.mallsync.erpsync.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The ledger's map, order key → {@link SyncedEntry}, compact: each entry is encoded in a few dozen bytes (eventId,
 * time, attempts, flags, the key and the ERP order number, two characters to a byte where they are digits and the few
 * other characters they are made of, else UTF-8) and written, after a two-byte length, into large shared
 * {@code byte[]} slabs of 1 MiB; the table is an open-addressing {@code int[]} of slab addresses with linear probing
 * and backward-shift deletion. About 62 bytes an entry (a key of 24 and an OuterTradeID of 15 characters: 57 in a
 * slab, the rest the table), against about 85 with one {@code byte[]} an entry (its 16-byte header and padding, and
 * a reference) and about 240 for a {@code ConcurrentHashMap<String, SyncedEntry>}. {@link SyncedEntry} stays the
 * wire format and what {@link #get} answers: each look-up decodes one.
 *
 * <p>A replaced or removed entry leaves its bytes dead in its slab. A slab (other than the one being written) whose
 * live bytes fall under half is emptied: its live entries are copied to the slab being written and their slots
 * pointed there, and the slab is dropped. So at most about twice the live bytes are held, and each byte copied was
 * paid for by at least one freed.
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
    /** An entry in a slab: its length (2 bytes), then {@link #encode}'s bytes. */
    private static final int LENGTH = 2;
    private static final int MAX_ENTRY = 0xffff;
    private static final int SLAB_BITS = 20;
    /** A slot whose entry is being replaced: not free (the run goes on) and no address. */
    private static final int DETACHED = -1;

    private final int slabBits;
    private final int slabSize;
    private final int offsetMask;
    /** Slab addresses are ints (slab index, offset): at most 2 GiB of entries. */
    private final int maxSlabs;

    /** Slab address + 1 per slot; 0 marks a free slot. */
    private int[] slots = new int[MIN_SLOTS];
    private int size;
    private byte[][] slabs = new byte[4][];
    /** Live bytes per slab (entries a slot points at, with their length prefixes). */
    private int[] live = new int[4];
    /** Bytes written per slab (live or dead). */
    private int[] written = new int[4];
    /** The slab new entries go to. */
    private int current = -1;

    LedgerEntries() {
        this(SLAB_BITS);
    }

    /** @param slabBits slabs of 2^slabBits bytes (small ones in tests, to see slabs emptied) */
    LedgerEntries(int slabBits) {
        if (slabBits < 18 || slabBits > 30) {
            throw new IllegalArgumentException("slabs of 2^" + slabBits + " bytes: an entry must fit one");
        }
        this.slabBits = slabBits;
        this.slabSize = 1 << slabBits;
        this.offsetMask = slabSize - 1;
        this.maxSlabs = 1 << (31 - slabBits);
    }

    /** The entry held for {@code key}, or {@code null}. */
    synchronized SyncedEntry get(String key) {
        int i = find(Key.of(key));
        return i < 0 ? null : decodeAt(slots[i] - 1);
    }

    /** Keeps {@link SyncedEntry#merge}(held, incoming), and returns what it kept. */
    synchronized SyncedEntry merge(String key, SyncedEntry incoming) {
        Key k = Key.of(key);
        int i = find(k);
        SyncedEntry held = i < 0 ? null : decodeAt(slots[i] - 1);
        SyncedEntry kept = SyncedEntry.merge(held, incoming);
        // equal too: the tail reads back every entry this process recorded, and a copy would only leave dead bytes
        if (kept == held || kept.equals(held)) {
            return held;
        }
        byte[] encoded = encode(k, kept);
        if (encoded.length > MAX_ENTRY) {
            throw new IllegalArgumentException("ledger entry of " + encoded.length + " bytes for " + key);
        }
        if (i >= 0) {
            int old = slots[i] - 1;
            // detached while slabs may be emptied: neither the old entry nor a copy of it is moved for this slot
            slots[i] = DETACHED;
            free(old);
            slots[i] = append(encoded, 0, encoded.length) + 1;
            return kept;
        }
        if (size + 1 > slots.length - (slots.length >>> 2)) {
            grow();
        }
        insertNew(slots, append(encoded, 0, encoded.length) + 1);
        size++;
        return kept;
    }

    /** Removes the entry if it is a pending mark (a confirmation is never removed); returns whether it did. */
    synchronized boolean removePending(String key) {
        int i = find(Key.of(key));
        if (i < 0 || (byteAt(slots[i] - 1, FLAGS) & PENDING) == 0) {
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
            int v = slots[i];
            if (v != 0 && (byteAt(v - 1, FLAGS) & HAS_AT) != 0 && millis(v - 1) < cutoff) {
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

    /** Bytes the slabs hold, live or dead (tests and the memory figures). */
    synchronized long slabBytes() {
        long total = 0;
        for (byte[] slab : slabs) {
            total += slab == null ? 0 : slab.length;
        }
        return total;
    }

    /** Bytes of the entries held, with their length prefixes (tests). */
    synchronized long liveBytes() {
        long total = 0;
        for (int l : live) {
            total += l;
        }
        return total;
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
        return decode(e, 0, e.length);
    }

    /** The entry {@link #encode} wrote into {@code e} from {@code from}, {@code length} bytes. */
    static SyncedEntry decode(byte[] e, int from, int length) {
        ByteBuffer b = ByteBuffer.wrap(e);
        UUID eventId = new UUID(b.getLong(from), b.getLong(from + 8));
        byte flags = e[from + FLAGS];
        Instant at = (flags & HAS_AT) == 0 ? null : Instant.ofEpochSecond(b.getLong(from + 16), b.getInt(from + 24));
        int refStart = from + KEY_DATA + keyBytes(e, from);
        int end = from + length;
        String ref = null;
        if ((flags & HAS_REF) != 0) {
            ref = (flags & REF_PACKED) == 0 ? new String(e, refStart, end - refStart, StandardCharsets.UTF_8)
                    : unpack(e, refStart, (end - refStart) * 2 - ((flags & REF_ODD) != 0 ? 1 : 0));
        }
        return new SyncedEntry(eventId, ref, b.getInt(from + 28), at, (flags & PENDING) != 0);
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

    // --- slabs: an address is (slab index << slabBits | offset) of an entry's length prefix

    private SyncedEntry decodeAt(int address) {
        byte[] slab = slabs[address >>> slabBits];
        int at = address & offsetMask;
        return decode(slab, at + LENGTH, entryLength(slab, at));
    }

    private static int entryLength(byte[] slab, int at) {
        return ((slab[at] & 0xff) << 8) | (slab[at + 1] & 0xff);
    }

    private byte byteAt(int address, int field) {
        return slabs[address >>> slabBits][(address & offsetMask) + LENGTH + field];
    }

    /** Writes an entry (without its length prefix) into the current slab; returns its address. */
    private int append(byte[] from, int start, int length) {
        int need = LENGTH + length;
        if (current < 0 || written[current] + need > slabSize) {
            int full = current;
            current = newSlab();
            // it was spared while written to; now it is judged like the others
            if (full >= 0 && live[full] < slabSize / 2) {
                evacuate(full);
            }
        }
        byte[] slab = slabs[current];
        int at = written[current];
        slab[at] = (byte) (length >>> 8);
        slab[at + 1] = (byte) length;
        System.arraycopy(from, start, slab, at + LENGTH, length);
        written[current] = at + need;
        live[current] += need;
        return current << slabBits | at;
    }

    private int newSlab() {
        int free = -1;
        for (int s = 0; s < slabs.length; s++) {
            if (slabs[s] == null) {
                free = s;
                break;
            }
        }
        if (free < 0) {
            if (slabs.length >= maxSlabs) {
                throw new IllegalStateException("ledger slabs full at " + size + " entries");
            }
            free = slabs.length;
            int grown = Math.min(maxSlabs, slabs.length * 2);
            slabs = Arrays.copyOf(slabs, grown);
            live = Arrays.copyOf(live, grown);
            written = Arrays.copyOf(written, grown);
        }
        slabs[free] = new byte[slabSize];
        live[free] = 0;
        written[free] = 0;
        return free;
    }

    /** The entry at {@code address} is no longer pointed at; its slab is emptied once it is more dead than live. */
    private void free(int address) {
        int s = address >>> slabBits;
        live[s] -= LENGTH + entryLength(slabs[s], address & offsetMask);
        if (s != current && live[s] < slabSize / 2) {
            evacuate(s);
        }
    }

    /** Moves the slab's live entries (those a slot still points at) to the current slab and drops it. */
    private void evacuate(int s) {
        byte[] slab = slabs[s];
        for (int at = 0; at < written[s] && live[s] > 0; ) {
            int length = entryLength(slab, at);
            int address = s << slabBits | at;
            int i = slotOf(slab, at + LENGTH, address);
            if (i >= 0) {
                live[s] -= LENGTH + length;
                slots[i] = append(slab, at + LENGTH, length) + 1;
            }
            at += LENGTH + length;
        }
        slabs[s] = null;
        live[s] = 0;
        written[s] = 0;
    }

    /** The slot pointing at {@code address} (whose entry starts at {@code from} in {@code slab}), or -1 (dead). */
    private int slotOf(byte[] slab, int from, int address) {
        int[] t = slots;
        int i = home(hash(slab, from), t.length);
        while (t[i] != 0) {
            if (t[i] - 1 == address) {
                return i;
            }
            i = i + 1 == t.length ? 0 : i + 1;
        }
        return -1;
    }

    private long millis(int address) {
        byte[] slab = slabs[address >>> slabBits];
        int from = (address & offsetMask) + LENGTH;
        ByteBuffer b = ByteBuffer.wrap(slab);
        return Instant.ofEpochSecond(b.getLong(from + 16), b.getInt(from + 24)).toEpochMilli();
    }

    private static int keyCount(byte[] e, int from) {
        return ((e[from + KEY] & 0xff) << 8) | (e[from + KEY + 1] & 0xff);
    }

    /** How many bytes the entry's key takes. */
    private static int keyBytes(byte[] e, int from) {
        int count = keyCount(e, from);
        return (e[from + FLAGS] & KEY_PACKED) != 0 ? (count + 1) / 2 : count;
    }

    private static boolean sameKey(byte[] e, int from, Key key) {
        int data = from + KEY_DATA;
        return ((e[from + FLAGS] & KEY_PACKED) != 0) == key.packed() && keyCount(e, from) == key.count()
                && Arrays.equals(e, data, data + key.data().length, key.data(), 0, key.data().length);
    }

    private int find(Key key) {
        int[] t = slots;
        int i = home(hash(key.packed(), key.data(), 0, key.data().length), t.length);
        while (true) {
            int v = t[i];
            if (v == 0) {
                return -1;
            }
            int address = v - 1;
            if (sameKey(slabs[address >>> slabBits], (address & offsetMask) + LENGTH, key)) {
                return i;
            }
            i = i + 1 == t.length ? 0 : i + 1;
        }
    }

    private void insertNew(int[] t, int slot) {
        int i = home(hashAt(slot - 1), t.length);
        while (t[i] != 0) {
            i = i + 1 == t.length ? 0 : i + 1;
        }
        t[i] = slot;
    }

    private void deleteAt(int hole) {
        int[] t = slots;
        int dead = t[hole] - 1;
        int j = hole;
        while (true) {
            j = j + 1 == t.length ? 0 : j + 1;
            if (t[j] == 0) {
                break;
            }
            int home = home(hashAt(t[j] - 1), t.length);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = 0;
        size--;
        // only now: emptying a slab looks entries up by their slot, and the dead one must have none
        free(dead);
    }

    private void grow() {
        long grown = (long) slots.length + (slots.length >>> 1);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("ledger table full at " + size + " entries");
        }
        int[] fresh = new int[(int) grown];
        for (int v : slots) {
            if (v != 0) {
                insertNew(fresh, v);
            }
        }
        slots = fresh;
    }

    private long hashAt(int address) {
        return hash(slabs[address >>> slabBits], (address & offsetMask) + LENGTH);
    }

    /** The hash of the key of the entry starting at {@code from}. */
    private static long hash(byte[] e, int from) {
        return hash((e[from + FLAGS] & KEY_PACKED) != 0, e, from + KEY_DATA, keyBytes(e, from));
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
