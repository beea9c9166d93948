package com.mallsync.ops.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * What the console knows of one order: each of its events (by {@link EventRef}, in the contract's order), when
 * ingest accepted it and its latest outcome per target. The reconciliation rules for one order live here (pure).
 * Not thread-safe: {@link OrderLedger} calls it under its lock.
 *
 * <p>The working form of an order: the ledger keeps it packed ({@link PackedOrder}, from and back into these very
 * rows) and holds an entry itself only while reading or changing it, or for the rare order that holds objects
 * ({@link #holdsObjects()}). The events are rows of
 * one {@code long[]} ({@value #STRIDE} longs each: event, line, eventId, receipt, and per target the outcome's status,
 * attempts, time, external ref's number and the {@link TextPool}'s numbers of its reason and ref prefix; an
 * {@code Object[]} only for the rare texts the pool has no number for), rather than a TreeMap of objects each holding its whole
 * {@link SyncOutcome}. An outcome is rebuilt from its row when a page asks; one that does not fit a row exactly (a
 * time outside 1677–2262, more than 2^20 attempts, another eventId than its event's, a key that is not
 * {@code mallId:orderNo}) is kept whole instead, so the answers are the same as before.
 */
final class OrderEntry {

    private static final SyncTarget[] TARGETS = SyncTarget.values();
    private static final SyncStatus[] STATUSES = SyncStatus.values();
    private static final OrderEvent[] EVENTS = OrderEvent.values();

    // a row of data: META, LINE, ID_MSB, ID_LSB, RECEIVED (nanos), then per target its outcome's time and ref number
    static final int META = 0;
    static final int LINE = 1;
    static final int ID_MSB = 2;
    static final int ID_LSB = 3;
    static final int RECEIVED = 4;
    static final int TARGET_BASE = 5;
    /** Per target 2 × 16 bits: the pool's numbers of its reason and its ref's text. */
    static final int TEXT_NUMBERS = TARGET_BASE + 2 * TARGETS.length;
    static final int STRIDE = TEXT_NUMBERS + 1;
    /** A text number that says: the text is in the text row. */
    static final int IN_ROW = 0xFFFF;
    // a row of text, only when needed: per target its outcome's reason (or the whole outcome) and ref text when the
    // pool gave them no number, then an odd receipt
    private static final int TEXT_STRIDE = 2 * TARGETS.length + 1;

    // META: bits 0-2 the event, 3-6 flags, then per target 28 bits: code (3), ref digits (5), attempts (20)
    static final long EVENT_MASK = 0b111;
    static final long HAS_LINE = 1L << 3;
    static final long HAS_ID = 1L << 4;
    static final long HAS_RECEIVED = 1L << 5;
    static final long ODD_RECEIVED = 1L << 6;
    static final int TARGET_SHIFT = 8;
    static final int TARGET_BITS = 28;
    private static final int DIGITS_SHIFT = 3;
    private static final int ATTEMPTS_SHIFT = 8;
    private static final int MAX_ATTEMPTS = 1 << 20;
    private static final int MAX_DIGITS = 18;
    /** Code of a target: 0 no outcome, 1 + status ordinal, or WHOLE (the outcome kept whole in the text row). */
    static final int WHOLE = 7;

    static {
        if (TARGET_SHIFT + TARGET_BITS * TARGETS.length > Long.SIZE || STATUSES.length >= WHOLE
                || EVENTS.length > EVENT_MASK + 1) {
            throw new IllegalStateException("an order entry's row holds 2 targets, 6 statuses and 8 events at most");
        }
    }

    /** The time of the order's latest record read (epoch ms): what the ledger's window evicts by. */
    private long lastSeen = Long.MIN_VALUE;
    private long[] data = new long[0];
    /** {@code null} until a text is kept. */
    private Object[] text;
    private int count;

    OrderEntry() {
    }

    /** An entry of {@code count} rows of {@code data} (its first {@code count × STRIDE} longs) and no texts. */
    OrderEntry(long lastSeen, long[] data, int count) {
        load(lastSeen, data, count);
    }

    /** Becomes the entry of {@code count} rows of {@code data} and no texts ({@link PackedOrder} reuses one). */
    void load(long lastSeen, long[] data, int count) {
        this.lastSeen = lastSeen;
        this.data = data;
        this.text = null;
        this.count = count;
    }

    /** The rows: the first {@code eventCount() × STRIDE} longs. */
    long[] rows() {
        return data;
    }

    /** Whether it holds objects a packed row cannot (texts without a pool number, whole outcomes, odd times). */
    boolean holdsObjects() {
        return text != null;
    }

    /**
     * A record of event {@code ref} of order {@code key} was read, ingest having accepted it at {@code at}; a
     * re-publish (replay, redelivery) keeps the earliest. Returns the outcomes read before this event's first record:
     * their latency is known now.
     */
    List<SyncOutcome> published(String key, EventRef ref, UUID eventId, Instant at, TextPool pool) {
        int row = row(ref);
        long meta = data[row * STRIDE + META];
        if ((meta & HAS_ID) == 0 && eventId != null) {
            setId(row, eventId);
        }
        boolean first = (meta & HAS_RECEIVED) == 0;
        List<SyncOutcome> early = first ? List.copyOf(outcomes(key, row, pool).values()) : List.of();
        if (first || at.isBefore(received(row))) {
            setReceived(row, at);
        }
        return early;
    }

    /**
     * An outcome of order {@code key} was read (before or after its event's record). Returns when its event was
     * received if this is the event's first outcome at that target and the receipt is known (a latency sample), else
     * {@code null}.
     */
    Instant outcome(String key, SyncOutcome outcome, TextPool pool) {
        int row = row(EventRef.of(outcome));
        if ((data[row * STRIDE + META] & HAS_ID) == 0 && outcome.eventId() != null) {
            setId(row, outcome.eventId());
        }
        int target = outcome.target().ordinal();
        boolean first = code(row, target) == 0;
        store(key, row, target, outcome, pool);
        return first ? received(row) : null;
    }

    /** When ingest accepted the order's first event (the earliest receipt read), or {@code null}. */
    Instant receivedAt() {
        Instant earliest = null;
        for (int row = 0; row < count; row++) {
            Instant at = received(row);
            if (at != null && (earliest == null || at.isBefore(earliest))) {
                earliest = at;
            }
        }
        return earliest;
    }

    /** A record of the order written at {@code recordTime} (epoch ms) was read. */
    void seen(long recordTime) {
        lastSeen = Math.max(lastSeen, recordTime);
    }

    long lastSeen() {
        return lastSeen;
    }

    /**
     * Overdue: each event received before {@code cutoff} that has no outcome (of any of the five statuses: SKIPPED
     * is terminal too) at a target.
     */
    void overdue(Supplier<String> key, Instant cutoff, Instant now, List<OrderLedger.Overdue> out) {
        for (int row = 0; row < count; row++) {
            if (!waitsForAny(row)) {
                continue;
            }
            Instant received = received(row);
            if (received != null && received.isBefore(cutoff)) {
                EventRef ref = ref(row);
                for (SyncTarget target : TARGETS) {
                    if (code(row, target.ordinal()) == 0) {
                        out.add(new OrderLedger.Overdue(key.get(), ref.event(), ref.line(), target, received,
                                Duration.between(received, now)));
                    }
                }
            }
        }
    }

    /**
     * Awaiting confirmation: the CRM's outcome of the PAID event is SKIPPED (member-sync uploads the sale on
     * CONFIRMED) and the order has neither a CONFIRMED nor a CANCELLED event yet. Nothing is late: the sale goes to
     * the CRM when the buyer confirms receipt. With {@code member-sync.upload-on=PAID} a PAID event is SKIPPED only
     * when nothing was left to upload (every line refunded before); such an order is listed here too, since nothing
     * reaches the CRM before a confirmation either way.
     */
    Optional<OrderLedger.Awaiting> awaiting(Supplier<String> key, Instant now, TextPool pool) {
        Instant since = awaitingSince();
        if (since == null) {
            return Optional.empty();
        }
        String known = key.get();
        SyncOutcome crm = outcome(known, find(EventRef.PAID), SyncTarget.CRM_2030.ordinal(), pool);
        return Optional.of(new OrderLedger.Awaiting(known, since, Duration.between(since, now), crm.reason()));
    }

    /**
     * When the order began awaiting confirmation (its PAID event's receipt, else the CRM's SKIPPED outcome's time), or
     * {@code null} when it is not awaiting (see {@link #awaiting}): without building the key, the outcome or a reason.
     */
    Instant awaitingSince() {
        int paid = find(EventRef.PAID);
        int crm = SyncTarget.CRM_2030.ordinal();
        if (paid < 0 || status(paid, crm) != SyncStatus.SKIPPED) {
            return null;
        }
        for (int row = 0; row < count; row++) {
            OrderEvent event = event(row);
            if (event == OrderEvent.CONFIRMED || event == OrderEvent.CANCELLED) {
                return null;
            }
        }
        Instant received = received(paid);
        if (received != null) {
            return received;
        }
        return code(paid, crm) == WHOLE ? ((SyncOutcome) text[paid * TEXT_STRIDE + 2 * crm]).at()
                : Nanos.instant(data[paid * STRIDE + TARGET_BASE + 2 * crm]);
    }

    /** Events with no outcome at {@code target} yet, overdue or not. */
    long pending(SyncTarget target) {
        long pending = 0;
        for (int row = 0; row < count; row++) {
            if ((data[row * STRIDE + META] & HAS_RECEIVED) != 0 && code(row, target.ordinal()) == 0) {
                pending++;
            }
        }
        return pending;
    }

    /**
     * Each event of order {@code key}, in the contract's order, with its outcome per target; {@code cutoff}: received
     * before it is overdue.
     */
    List<EventView> view(String key, Instant cutoff, TextPool pool) {
        List<EventView> out = new ArrayList<>();
        for (int row = 0; row < count; row++) {
            EventRef ref = ref(row);
            Instant received = received(row);
            List<SyncTarget> waiting = new ArrayList<>();
            List<SyncTarget> overdue = new ArrayList<>();
            for (SyncTarget target : TARGETS) {
                if (code(row, target.ordinal()) == 0) {
                    waiting.add(target);
                    if (received != null && received.isBefore(cutoff)) {
                        overdue.add(target);
                    }
                }
            }
            out.add(new EventView(ref.event(), ref.line(), eventId(row), received,
                    Collections.unmodifiableMap(outcomes(key, row, pool)), List.copyOf(waiting), List.copyOf(overdue)));
        }
        return out;
    }

    int eventCount() {
        return count;
    }

    // --- rows

    /** The row of {@code ref}, inserted in the contract's order when absent. */
    private int row(EventRef ref) {
        int found = find(ref);
        if (found >= 0) {
            return found;
        }
        int at = 0;
        while (at < count && ref(at).compareTo(ref) < 0) {
            at++;
        }
        long[] grown = new long[(count + 1) * STRIDE];
        System.arraycopy(data, 0, grown, 0, at * STRIDE);
        System.arraycopy(data, at * STRIDE, grown, (at + 1) * STRIDE, (count - at) * STRIDE);
        data = grown;
        if (text != null) {
            Object[] texts = new Object[(count + 1) * TEXT_STRIDE];
            System.arraycopy(text, 0, texts, 0, at * TEXT_STRIDE);
            System.arraycopy(text, at * TEXT_STRIDE, texts, (at + 1) * TEXT_STRIDE, (count - at) * TEXT_STRIDE);
            text = texts;
        }
        count++;
        int base = at * STRIDE;
        data[base + META] = ref.event().ordinal() | (ref.line() == null ? 0 : HAS_LINE);
        data[base + LINE] = ref.line() == null ? 0 : ref.line();
        return at;
    }

    private int find(EventRef ref) {
        for (int row = 0; row < count; row++) {
            long meta = data[row * STRIDE + META];
            if ((meta & EVENT_MASK) == ref.event().ordinal()
                    && ((meta & HAS_LINE) != 0 ? ref.line() != null && ref.line() == data[row * STRIDE + LINE]
                    : ref.line() == null)) {
                return row;
            }
        }
        return -1;
    }

    private OrderEvent event(int row) {
        return EVENTS[(int) (data[row * STRIDE + META] & EVENT_MASK)];
    }

    private EventRef ref(int row) {
        long meta = data[row * STRIDE + META];
        return new EventRef(event(row), (meta & HAS_LINE) != 0 ? data[row * STRIDE + LINE] : null);
    }

    private UUID eventId(int row) {
        return (data[row * STRIDE + META] & HAS_ID) == 0 ? null
                : new UUID(data[row * STRIDE + ID_MSB], data[row * STRIDE + ID_LSB]);
    }

    private void setId(int row, UUID id) {
        data[row * STRIDE + ID_MSB] = id.getMostSignificantBits();
        data[row * STRIDE + ID_LSB] = id.getLeastSignificantBits();
        data[row * STRIDE + META] |= HAS_ID;
    }

    private Instant received(int row) {
        long meta = data[row * STRIDE + META];
        if ((meta & HAS_RECEIVED) == 0) {
            return null;
        }
        return (meta & ODD_RECEIVED) != 0 ? (Instant) text[row * TEXT_STRIDE + 2 * TARGETS.length]
                : Nanos.instant(data[row * STRIDE + RECEIVED]);
    }

    private void setReceived(int row, Instant at) {
        int odd = row * TEXT_STRIDE + 2 * TARGETS.length;
        if (Nanos.fits(at)) {
            data[row * STRIDE + RECEIVED] = Nanos.of(at);
            data[row * STRIDE + META] = (data[row * STRIDE + META] | HAS_RECEIVED) & ~ODD_RECEIVED;
            if (text != null) {
                text[odd] = null;
            }
        } else {
            texts()[odd] = at;
            data[row * STRIDE + META] |= HAS_RECEIVED | ODD_RECEIVED;
        }
    }

    private Object[] texts() {
        if (text == null) {
            text = new Object[Math.max(1, count) * TEXT_STRIDE];
        }
        return text;
    }

    private boolean waitsForAny(int row) {
        for (int target = 0; target < TARGETS.length; target++) {
            if (code(row, target) == 0) {
                return true;
            }
        }
        return false;
    }

    // --- outcomes

    private long targetBits(int row, int target) {
        return (data[row * STRIDE + META] >>> (TARGET_SHIFT + TARGET_BITS * target)) & ((1L << TARGET_BITS) - 1);
    }

    private int code(int row, int target) {
        return (int) (targetBits(row, target) & 0b111);
    }

    private SyncStatus status(int row, int target) {
        int code = code(row, target);
        if (code == 0) {
            return null;
        }
        return code == WHOLE ? ((SyncOutcome) text[row * TEXT_STRIDE + 2 * target]).status() : STATUSES[code - 1];
    }

    private void store(String key, int row, int target, SyncOutcome outcome, TextPool pool) {
        int shift = TARGET_SHIFT + TARGET_BITS * target;
        long meta = data[row * STRIDE + META] & ~(((1L << TARGET_BITS) - 1) << shift);
        int slot = row * TEXT_STRIDE + 2 * target;
        if (!fitsRow(key, row, outcome)) {
            Object[] texts = texts();
            texts[slot] = outcome;
            texts[slot + 1] = null;
            data[row * STRIDE + META] = meta | ((long) WHOLE << shift);
            return;
        }
        String ref = outcome.externalRef();
        int digits = ref == null ? 0 : trailingDigits(ref);
        String refText = ref == null ? null : digits == 0 ? ref : ref.substring(0, ref.length() - digits);
        long bits = (outcome.status().ordinal() + 1) | ((long) digits << DIGITS_SHIFT)
                | ((long) outcome.attempts() << ATTEMPTS_SHIFT);
        data[row * STRIDE + META] = meta | (bits << shift);
        data[row * STRIDE + TARGET_BASE + 2 * target] = Nanos.of(outcome.at());
        data[row * STRIDE + TARGET_BASE + 2 * target + 1] = digits == 0 ? 0
                : Long.parseLong(ref, ref.length() - digits, ref.length(), 10);
        int reason = textNumber(outcome.reason(), slot, pool);
        int refNumber = digits == 0 ? textNumberInRow(refText, slot + 1) : textNumber(refText, slot + 1, pool);
        int numbersShift = 32 * target;
        data[row * STRIDE + TEXT_NUMBERS] = data[row * STRIDE + TEXT_NUMBERS] & ~(0xFFFFFFFFL << numbersShift)
                | (((long) reason | ((long) refNumber << 16)) << numbersShift);
    }

    /** The pool's number of {@code value}, or {@link #IN_ROW} with the text kept in the text row's {@code slot}. */
    private int textNumber(String value, int slot, TextPool pool) {
        int number = pool.number(value);
        if (number >= 0) {
            if (text != null) {
                text[slot] = null;
            }
            return number;
        }
        return textNumberInRow(value, slot);
    }

    /** A text the pool should not hold (a whole external ref, unique per outcome): in the text row. */
    private int textNumberInRow(String value, int slot) {
        if (value == null) {
            if (text != null) {
                text[slot] = null;
            }
            return TextPool.NONE;
        }
        texts()[slot] = value;
        return IN_ROW;
    }

    private String text(int row, int target, int which, TextPool pool) {
        int number = (int) (data[row * STRIDE + TEXT_NUMBERS] >>> (32 * target + 16 * which)) & 0xFFFF;
        return number == IN_ROW ? (String) text[row * TEXT_STRIDE + 2 * target + which] : pool.text(number);
    }

    /** Whether the row rebuilds {@code outcome} exactly. */
    private boolean fitsRow(String key, int row, SyncOutcome outcome) {
        return outcome.status() != null && outcome.at() != null && Nanos.fits(outcome.at())
                && outcome.attempts() >= 0 && outcome.attempts() < MAX_ATTEMPTS && outcome.orderNo() != null
                && key.equals(outcome.key()) && Objects.equals(outcome.eventId(), eventId(row));
    }

    /** The number of ASCII digits ending {@code ref} (at most 18, so they fit a long), 0 when none. */
    static int trailingDigits(String ref) {
        int digits = 0;
        while (digits < MAX_DIGITS && digits < ref.length()) {
            char c = ref.charAt(ref.length() - 1 - digits);
            if (c < '0' || c > '9') {
                break;
            }
            digits++;
        }
        return digits;
    }

    /** Target → the event's latest outcome there, in target order. */
    private Map<SyncTarget, SyncOutcome> outcomes(String key, int row, TextPool pool) {
        Map<SyncTarget, SyncOutcome> outcomes = new EnumMap<>(SyncTarget.class);
        for (SyncTarget target : TARGETS) {
            if (code(row, target.ordinal()) != 0) {
                outcomes.put(target, outcome(key, row, target.ordinal(), pool));
            }
        }
        return outcomes;
    }

    private SyncOutcome outcome(String key, int row, int target, TextPool pool) {
        int code = code(row, target);
        int slot = row * TEXT_STRIDE + 2 * target;
        if (code == WHOLE) {
            return (SyncOutcome) text[slot];
        }
        long bits = targetBits(row, target);
        int digits = (int) ((bits >>> DIGITS_SHIFT) & 0b11111);
        int attempts = (int) (bits >>> ATTEMPTS_SHIFT);
        String reason = text(row, target, 0, pool);
        String refText = text(row, target, 1, pool);
        String ref = refText == null || digits == 0 ? refText
                : refText + pad(data[row * STRIDE + TARGET_BASE + 2 * target + 1], digits);
        int colon = key.indexOf(':');
        EventRef event = ref(row);
        return new SyncOutcome(eventId(row), Long.parseLong(key, 0, colon, 10), key.substring(colon + 1),
                TARGETS[target], STATUSES[code - 1], ref, attempts, reason,
                Nanos.instant(data[row * STRIDE + TARGET_BASE + 2 * target]), event.event(), event.line());
    }

    private static String pad(long number, int digits) {
        String plain = Long.toString(number);
        if (plain.length() >= digits) {
            return plain;
        }
        char[] zeros = new char[digits - plain.length()];
        Arrays.fill(zeros, '0');
        return new String(zeros) + plain;
    }
}
