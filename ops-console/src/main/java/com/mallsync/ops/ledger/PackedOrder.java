package com.mallsync.ops.ledger;

import java.util.Arrays;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * One order of the ledger as one {@code byte[]}: its key and its {@link OrderEntry}'s rows, variable-length, so an
 * order of the window costs about 140 bytes rather than a key String, a map node, an entry and a {@code long[]} of 10
 * longs per event (about 370). {@link OrderTable} holds these; the ledger unpacks one into an {@link OrderEntry} to
 * read or change it and packs it again. An entry that holds objects ({@link OrderEntry#holdsObjects()}) is not packed:
 * the ledger keeps it whole (rare: a text the pool has no number for, an outcome a row cannot rebuild).
 *
 * <p>Layout: the entry's last-seen time (8 bytes, so the window's eviction reads it without unpacking); the key code
 * (a varint of length × 4 + form, then the characters: two per byte when they are all digits and colons, as the
 * malls' {@code mallId:orderNo} keys are, else one per byte when Latin-1, else two bytes each); the row count; each
 * row: its first META byte (event, flags), per target its 28 META bits, then only the fields its flags and codes say
 * are set: the line (zigzag varint), the eventId (16 bytes), the receipt and per target the outcome's time (zigzag
 * varints of nanoseconds after the time written before, starting at the last-seen time, so a time costs 4–5 bytes),
 * the ref's number and the two text numbers (varints). A row whose unset fields are not all zero (not one
 * {@link OrderEntry} writes) is not packed either, so unpacking always gives back the very same rows.
 *
 * <p>Pure functions over arrays; not thread-safe where it reuses a buffer (the ledger's lock guards it).
 */
final class PackedOrder {

    private static final int TARGETS = SyncTarget.values().length;
    /** Where the flags are, after the last-seen time. */
    private static final int FLAGS_AT = Long.BYTES;
    /** Where the key's {@link KeyCode} starts, after the flags. */
    static final int KEY_AT = FLAGS_AT + 1;
    /** A flag: an event received waits for an outcome at a target (the overdue and pending scans look only at these). */
    static final int WAITS = 1;
    /** A flag: the CRM's outcome of the PAID event is SKIPPED and there is no CONFIRMED or CANCELLED event. */
    static final int SKIPPED_PAID = 2;
    private static final int PAID = OrderEvent.PAID.ordinal();
    private static final int CONFIRMED = OrderEvent.CONFIRMED.ordinal();
    private static final int CANCELLED = OrderEvent.CANCELLED.ordinal();
    private static final long CRM_SKIPPED = SyncStatus.SKIPPED.ordinal() + 1;
    private static final long TARGET_MASK = (1L << OrderEntry.TARGET_BITS) - 1;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private PackedOrder() {
    }

    /** The key of {@code packed}. */
    static String key(byte[] packed) {
        return KeyCode.key(packed, KEY_AT);
    }

    /** The last-seen time (epoch ms) of the packed order: what the window evicts by. */
    static long lastSeen(byte[] packed) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (packed[i] & 0xFF);
        }
        return v;
    }

    /** Its {@link #WAITS} and {@link #SKIPPED_PAID} flags, so a scan skips the orders it has nothing to find in. */
    static int flags(byte[] packed) {
        return packed[FLAGS_AT];
    }

    /** How many events the packed order has. */
    static int eventCount(byte[] packed) {
        return (int) Varint.read(packed, KEY_AT + KeyCode.length(packed, KEY_AT));
    }

    /**
     * {@code entry} of key {@code keyCode} packed, or {@code null} when it cannot be (it holds objects, or a row has
     * a field set that its flags say is not).
     */
    static byte[] pack(byte[] keyCode, OrderEntry entry) {
        return pack(keyCode, entry, new Varint.Bytes(KEY_AT + keyCode.length + 2 + entry.eventCount() * 60));
    }

    /** As {@link #pack(byte[], OrderEntry)}, written in {@code out} first (emptied first: the ledger reuses one). */
    static byte[] pack(byte[] keyCode, OrderEntry entry, Varint.Bytes out) {
        if (entry.holdsObjects()) {
            return null;
        }
        long[] d = entry.rows();
        int count = entry.eventCount();
        out.clear();
        long seen = entry.lastSeen();
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            out.put((int) (seen >>> (8 * i)));
        }
        out.put(0);
        out.put(keyCode);
        out.varint(count);
        long previous = seen * NANOS_PER_MILLI;
        boolean waits = false;
        boolean skippedPaid = false;
        boolean confirmedOrCancelled = false;
        for (int row = 0; row < count; row++) {
            int r = row * OrderEntry.STRIDE;
            long meta = d[r + OrderEntry.META];
            if ((meta & OrderEntry.ODD_RECEIVED) != 0) {
                return null;
            }
            int event = (int) (meta & OrderEntry.EVENT_MASK);
            for (int t = 0; t < TARGETS; t++) {
                waits |= (meta & OrderEntry.HAS_RECEIVED) != 0 && (targetBits(meta, t) & 0b111) == 0;
            }
            skippedPaid |= event == PAID && (meta & OrderEntry.HAS_LINE) == 0
                    && (targetBits(meta, SyncTarget.CRM_2030.ordinal()) & 0b111) == CRM_SKIPPED;
            confirmedOrCancelled |= event == CONFIRMED || event == CANCELLED;
            out.put((int) meta);
            for (int t = 0; t < TARGETS; t++) {
                out.varint(targetBits(meta, t));
            }
            if ((meta & OrderEntry.HAS_LINE) != 0) {
                out.varint(Varint.zigzag(d[r + OrderEntry.LINE]));
            } else if (d[r + OrderEntry.LINE] != 0) {
                return null;
            }
            if ((meta & OrderEntry.HAS_ID) != 0) {
                out.fixed(d[r + OrderEntry.ID_MSB]);
                out.fixed(d[r + OrderEntry.ID_LSB]);
            } else if (d[r + OrderEntry.ID_MSB] != 0 || d[r + OrderEntry.ID_LSB] != 0) {
                return null;
            }
            if ((meta & OrderEntry.HAS_RECEIVED) != 0) {
                out.varint(Varint.zigzag(d[r + OrderEntry.RECEIVED] - previous));
                previous = d[r + OrderEntry.RECEIVED];
            } else if (d[r + OrderEntry.RECEIVED] != 0) {
                return null;
            }
            long numbers = d[r + OrderEntry.TEXT_NUMBERS];
            for (int t = 0; t < TARGETS; t++) {
                int code = (int) (targetBits(meta, t) & 0b111);
                int time = r + OrderEntry.TARGET_BASE + 2 * t;
                long textNumbers = (numbers >>> (32 * t)) & 0xFFFFFFFFL;
                if (code == 0) {
                    if (d[time] != 0 || d[time + 1] != 0 || textNumbers != 0) {
                        return null;
                    }
                    continue;
                }
                int reason = (int) (textNumbers & 0xFFFF);
                int ref = (int) (textNumbers >>> 16);
                if (code == OrderEntry.WHOLE || reason == OrderEntry.IN_ROW || ref == OrderEntry.IN_ROW) {
                    return null;
                }
                out.varint(Varint.zigzag(d[time] - previous));
                previous = d[time];
                out.varint(Varint.zigzag(d[time + 1]));
                out.varint(reason);
                out.varint(ref);
            }
        }
        byte[] packed = out.toArray();
        packed[FLAGS_AT] = (byte) ((waits ? WAITS : 0) | (skippedPaid && !confirmedOrCancelled ? SKIPPED_PAID : 0));
        return packed;
    }

    /**
     * The packed order's entry, in {@code into} (its rows in {@code buffer} when that is large enough, else in a new
     * array): the ledger's scans reuse one entry and one buffer for all orders.
     *
     * @return the rows' array (the buffer or the new one)
     */
    static long[] unpack(byte[] packed, OrderEntry into, long[] buffer) {
        Varint.Reader in = new Varint.Reader(packed, KEY_AT + KeyCode.length(packed, KEY_AT));
        int count = (int) in.varint();
        boolean reused = buffer != null && buffer.length >= count * OrderEntry.STRIDE;
        long[] d = reused ? buffer : new long[count * OrderEntry.STRIDE];
        long seen = lastSeen(packed);
        long previous = seen * NANOS_PER_MILLI;
        for (int row = 0; row < count; row++) {
            int r = row * OrderEntry.STRIDE;
            if (reused) {
                Arrays.fill(d, r, r + OrderEntry.STRIDE, 0L);
            }
            long meta = in.unsignedByte();
            for (int t = 0; t < TARGETS; t++) {
                meta |= in.varint() << (OrderEntry.TARGET_SHIFT + OrderEntry.TARGET_BITS * t);
            }
            d[r + OrderEntry.META] = meta;
            if ((meta & OrderEntry.HAS_LINE) != 0) {
                d[r + OrderEntry.LINE] = in.signed();
            }
            if ((meta & OrderEntry.HAS_ID) != 0) {
                d[r + OrderEntry.ID_MSB] = in.fixed();
                d[r + OrderEntry.ID_LSB] = in.fixed();
            }
            if ((meta & OrderEntry.HAS_RECEIVED) != 0) {
                previous += in.signed();
                d[r + OrderEntry.RECEIVED] = previous;
            }
            long numbers = 0;
            for (int t = 0; t < TARGETS; t++) {
                if ((targetBits(meta, t) & 0b111) == 0) {
                    continue;
                }
                int time = r + OrderEntry.TARGET_BASE + 2 * t;
                previous += in.signed();
                d[time] = previous;
                d[time + 1] = in.signed();
                long reason = in.varint();
                long ref = in.varint();
                numbers |= (reason | (ref << 16)) << (32 * t);
            }
            d[r + OrderEntry.TEXT_NUMBERS] = numbers;
        }
        into.load(seen, d, count);
        return d;
    }

    private static long targetBits(long meta, int target) {
        return (meta >>> (OrderEntry.TARGET_SHIFT + OrderEntry.TARGET_BITS * target)) & TARGET_MASK;
    }
}
