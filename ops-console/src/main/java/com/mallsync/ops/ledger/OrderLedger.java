package com.mallsync.ops.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.Window;

/**
 * What the console knows from the topics: every order's events (from {@code orders.paid.v1}) and each event's
 * latest outcome per target (from {@code orders.outcomes.v1}), keyed by order key + event + line
 * ({@link EventRef}), never by order key alone: an order has several events (PAID, CONFIRMED, CANCELLED, a
 * REFUNDED per line), each with one outcome per target. Also outcome counts per minute and the latest problems.
 * Fed by {@link LedgerReader}; read by the API. Plain and synchronized, so the rules are unit-tested without Kafka.
 *
 * <p>Bounded by a {@link Window} ({@code ops.window}, the after-sale window by default): the reader starts at the
 * window's first record, and an order none of whose records (its events' and their outcomes', by record time) is
 * within the window any more is forgotten by {@link #evictExpired()} (each minute, on the reader thread), with the
 * problems older than it. So the orders, events, overdue and awaiting lists cover the last {@code window}; the
 * record totals ({@link #total}, {@link #paidRecords()}) count what was read since the console started, from the
 * window's first record.
 *
 * <p>Memory: per order of the window one {@link PackedOrder} (its key and its events' rows: eventId, receipt, and per
 * target the latest outcome's status, attempts, time, reason and external ref, rebuilt into a {@link SyncOutcome}
 * when a page asks) in one {@link OrderTable}; an order is unpacked into an {@link OrderEntry} to be read or changed.
 * The rare order that holds objects a packed row cannot (see {@link OrderEntry}) is kept as its entry instead. See
 * ops-console's README ("Memory") for the measured bytes per order; a console that has to watch many millions of
 * orders would keep this in a compacted topic or a store instead.
 */
public final class OrderLedger {

    private static final Duration KEEP_COUNTS = Duration.ofHours(24);
    static final int MAX_MALLS = 64;
    private static final Comparator<Awaiting> AWAITING_ORDER = Comparator.comparing(Awaiting::paidAt)
            .thenComparing(Awaiting::key);

    /** Every order of the window but those in {@link #whole}. */
    private final OrderTable orders = new OrderTable();
    /**
     * The packed orders of {@link #orders} flagged {@link PackedOrder#WAITS} and {@link PackedOrder#SKIPPED_PAID}
     * (the same arrays, one more reference each): the overdue, pending and awaiting scans behind every page visit
     * only these, not every order of the window, so a page's time follows how many orders wait, not how many are kept.
     */
    private final OrderTable waiting = new OrderTable();
    private final OrderTable awaiting = new OrderTable();
    /** The flags of the packed order {@link #change} found (0: none), so {@link #keep} touches an index only if needed. */
    private int changedFlags;
    /** Events of all orders, kept as they change rather than counted on each page. */
    private long events;
    /** Orders the scans have unpacked, for tests (a page must not unpack every order of the window). */
    private long scannedOrders;
    /**
     * The mall ids seen (the part of a key before its colon), so a search by order number looks up {@code mall:no}
     * for each of them instead of walking every order: a page's time then follows the number of malls, a handful
     * (ingest accepts only configured malls). Never shrinks; past {@link #MAX_MALLS} the search walks the orders.
     */
    private final List<String> malls = new ArrayList<>();
    private boolean tooManyMalls;
    /** The orders that cannot be packed ({@link OrderEntry#holdsObjects()}), kept as their entry. */
    private final Map<String, OrderEntry> whole = new HashMap<>();
    /** What the scans over all orders unpack each order into (one entry, one buffer: no garbage per order). */
    private final OrderEntry scanned = new OrderEntry();
    private long[] scanBuffer;
    /** What each order is packed in before it is copied out at its size. */
    private final Varint.Bytes packing = new Varint.Bytes(1024);
    private final OutcomeCounts counts = new OutcomeCounts(KEEP_COUNTS);
    private final Deque<SyncOutcome> problems = new ArrayDeque<>();
    private final int problemsKept;
    private long paidRecords;
    private long outcomeRecords;
    private final LatencyMinutes latency = new LatencyMinutes(KEEP_COUNTS);
    private final Window window;
    /** Reasons and external-ref prefixes, one copy each (outcomes repeat a handful of them). */
    private final TextPool texts = new TextPool();

    /** A ledger of the whole topics, nothing evicted. */
    public OrderLedger(int problemsKept) {
        this(problemsKept, Window.all());
    }

    /** @param window how far back it reads and remembers orders */
    public OrderLedger(int problemsKept, Window window) {
        this.problemsKept = problemsKept;
        this.window = window;
    }

    /** How far back the ledger remembers (its reader starts there). */
    public Window window() {
        return window;
    }

    /** A PAID record of order {@code key} landed on {@code orders.paid.v1}, accepted by ingest at {@code at}. */
    public synchronized void paid(String key, Instant at) {
        published(key, EventRef.PAID, null, at);
    }

    /**
     * A record of event {@code ref} of order {@code key} landed on {@code orders.paid.v1}, accepted by ingest at
     * {@code at}; a re-publish (replay, redelivery) keeps the first.
     */
    public synchronized void published(String key, EventRef ref, UUID eventId, Instant at) {
        published(key, ref, eventId, at, at.toEpochMilli());
    }

    /** As {@link #published(String, EventRef, UUID, Instant)}, the record written at {@code recordTime} (epoch ms). */
    public synchronized void published(String key, EventRef ref, UUID eventId, Instant at, long recordTime) {
        paidRecords++;
        byte[] code = KeyCode.of(key);
        OrderEntry entry = change(key, code);
        int before = entry.eventCount();
        entry.seen(recordTime);
        // outcomes read before their event (two topics, one poll): their latency is known now
        entry.published(key, ref, eventId, at, texts).forEach(o -> sampleLatency(at, o));
        keep(key, code, entry, before);
    }

    /** An outcome was read (in any order relative to its event's record). */
    public synchronized void outcome(SyncOutcome outcome) {
        outcome(outcome, outcome.at().toEpochMilli());
    }

    /** As {@link #outcome(SyncOutcome)}, the record written at {@code recordTime} (epoch ms). */
    public synchronized void outcome(SyncOutcome outcome, long recordTime) {
        outcomeRecords++;
        String key = outcome.key();
        byte[] code = KeyCode.of(key);
        OrderEntry entry = change(key, code);
        int before = entry.eventCount();
        entry.seen(recordTime);
        Instant received = entry.outcome(key, outcome, texts);
        keep(key, code, entry, before);
        if (received != null) {
            sampleLatency(received, outcome);
        }
        counts.add(outcome);
        if (!outcome.status().settled() || outcome.inDoubt()) {
            problems.addFirst(outcome);
            while (problems.size() > problemsKept) {
                problems.removeLast();
            }
        }
    }

    /**
     * Forgets the orders none of whose records is within the window any more, and the problems decided before it
     * (the reader calls it each minute).
     *
     * @return how many orders were forgotten
     */
    public synchronized int evictExpired() {
        OptionalLong cutoff = window.cutoff();
        if (cutoff.isEmpty()) {
            return 0;
        }
        problems.removeIf(o -> o.at().toEpochMilli() < cutoff.getAsLong());
        long oldest = cutoff.getAsLong();
        int removed = orders.removeIf(packed -> {
            boolean old = PackedOrder.lastSeen(packed) < oldest;
            if (old) {
                events -= PackedOrder.eventCount(packed);
            }
            return old;
        });
        waiting.removeIf(packed -> PackedOrder.lastSeen(packed) < oldest);
        awaiting.removeIf(packed -> PackedOrder.lastSeen(packed) < oldest);
        for (var held = whole.values().iterator(); held.hasNext(); ) {
            OrderEntry entry = held.next();
            if (entry.lastSeen() < oldest) {
                events -= entry.eventCount();
                held.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Outcome records per target and status decided within {@code window} before {@code now}. */
    public synchronized Map<SyncTarget, Map<SyncStatus, Long>> counts(Instant now, Duration window) {
        return counts.counts(now, window);
    }

    /**
     * Outcome records per minute of the last {@code span}, every minute present (zeros too), oldest first: what the
     * page plots. Minutes are epoch seconds of their start.
     */
    public synchronized Timeline timeline(Instant now, Duration span) {
        return counts.timeline(now, span);
    }

    /** End-to-end latency p50/p99 per minute of the last {@code span} and target (minutes without outcomes left out). */
    public synchronized Map<SyncTarget, List<LatencyMinutes.Point>> latency(Instant now, Duration span) {
        Map<SyncTarget, List<LatencyMinutes.Point>> out = new EnumMap<>(SyncTarget.class);
        for (SyncTarget target : SyncTarget.values()) {
            out.put(target, latency.series(target, now.minus(span), now));
        }
        return out;
    }

    /**
     * The latest REJECTED/FAILED outcomes and those flagged in doubt (check the ERP), newest first. SKIPPED is
     * settled by rule: not a problem.
     */
    public synchronized List<SyncOutcome> problems() {
        return List.copyOf(problems);
    }

    /**
     * Reconciliation: each event received more than {@code after} ago that has no outcome at a target, oldest
     * first (one entry per event and target).
     */
    public synchronized List<Overdue> overdue(Instant now, Duration after) {
        List<Overdue> overdue = new ArrayList<>();
        Instant cutoff = now.minus(after);
        forEach(waiting, (key, entry) -> entry.overdue(key, cutoff, now, overdue));
        overdue.sort(Comparator.comparing(Overdue::receivedAt).thenComparing(Overdue::key)
                .thenComparing(o -> new EventRef(o.event(), o.line())).thenComparing(Overdue::target));
        return overdue;
    }

    /**
     * Reconciliation: orders awaiting confirmation (the CRM's PAID outcome is SKIPPED because the sale goes up on
     * CONFIRMED, and no CONFIRMED or CANCELLED event yet), longest waiting first. Not late, not a problem.
     */
    public synchronized List<Awaiting> awaitingConfirmation(Instant now) {
        return awaitingConfirmation(now, Integer.MAX_VALUE);
    }

    /**
     * The {@code limit} orders awaiting confirmation longest (see {@link #awaitingConfirmation(Instant)}), longest
     * waiting first: only those are built, the others are only compared by their paid time.
     */
    public synchronized List<Awaiting> awaitingConfirmation(Instant now, int limit) {
        PriorityQueue<Awaiting> oldest = new PriorityQueue<>(AWAITING_ORDER.reversed());
        forEach(awaiting, (key, entry) -> {
            Instant since = entry.awaitingSince();
            if (since == null || limit <= 0) {
                return;
            }
            if (oldest.size() >= limit) {
                Awaiting last = oldest.peek();
                int c = since.compareTo(last.paidAt());
                if (c > 0 || c == 0 && key.get().compareTo(last.key()) > 0) {
                    return;
                }
            }
            entry.awaiting(key, now, texts).ifPresent(a -> {
                oldest.add(a);
                if (oldest.size() > limit) {
                    oldest.poll();
                }
            });
        });
        List<Awaiting> list = new ArrayList<>(oldest);
        list.sort(AWAITING_ORDER);
        return list;
    }

    /** How many orders are awaiting confirmation (the length of {@link #awaitingConfirmation(Instant)}). */
    public synchronized int awaitingCount() {
        int count = awaiting.size();
        for (OrderEntry entry : whole.values()) {
            if (entry.awaitingSince() != null) {
                count++;
            }
        }
        return count;
    }

    /** How many events have no outcome at {@code target} yet, overdue or not. */
    public synchronized long pending(SyncTarget target) {
        long[] pending = {0};
        forEach(waiting, (key, entry) -> pending[0] += entry.pending(target));
        return pending[0];
    }

    /** When ingest accepted the order (its first event's first record on {@code orders.paid.v1}), or {@code null}. */
    public synchronized Instant receivedAt(String key) {
        OrderEntry entry = find(key);
        return entry == null ? null : entry.receivedAt();
    }

    /** Keys that are {@code query} or whose order number it is (any mall), at most {@code limit}. */
    public synchronized List<String> keys(String query, int limit) {
        List<String> keys = new ArrayList<>();
        if (find(query) != null) {
            keys.add(query);
        }
        if (!tooManyMalls) {
            // a key is its mall id (no colon) + ':' + its order number, which may hold colons itself ("A:1")
            for (String mall : malls) {
                String key = mall + ":" + query;
                if (keys.size() < limit && find(key) != null) {
                    keys.add(key);
                }
            }
            return keys;
        }
        String suffix = ":" + query;
        for (String key : whole.keySet()) {
            if (keys.size() >= limit) {
                return keys;
            }
            if (key.endsWith(suffix) && key.indexOf(':') == key.length() - suffix.length()) {
                keys.add(key);
            }
        }
        orders.forEach(packed -> {
            scannedOrders++;
            if (keys.size() < limit && KeyCode.isNumberOf(packed, PackedOrder.KEY_AT, query)) {
                keys.add(PackedOrder.key(packed));
            }
        });
        return keys;
    }

    /**
     * One order's events in the contract's order (PAID, CONFIRMED, REFUNDED lines, CANCELLED), each with its latest
     * outcome per target and the targets it is waiting for (overdue after {@code after}).
     */
    public synchronized List<EventView> events(String key, Instant now, Duration after) {
        OrderEntry entry = find(key);
        return entry == null ? List.of() : entry.view(key, now.minus(after), texts);
    }

    /** Whether order {@code key} is awaiting confirmation (see {@link #awaitingConfirmation}). */
    public synchronized boolean awaitingConfirmation(String key, Instant now) {
        OrderEntry entry = find(key);
        return entry != null && entry.awaiting(() -> key, now, texts).isPresent();
    }

    /** Outcome records read since the console started (it reads the topic from the window's first record). */
    public synchronized long total(SyncTarget target, SyncStatus status) {
        return counts.total(target, status);
    }

    /** Records read from {@code orders.paid.v1} since the console started (every event, replays too). */
    public synchronized long paidRecords() {
        return paidRecords;
    }

    public synchronized long outcomeRecords() {
        return outcomeRecords;
    }

    public synchronized int orderCount() {
        return orders.size() + whole.size();
    }

    public synchronized long eventCount() {
        return events;
    }

    /** How many orders the scans have unpacked so far (tests: a page visits the waiting orders, not all). */
    synchronized long scannedOrders() {
        return scannedOrders;
    }

    /** The entry of order {@code key} (to read), or {@code null}. */
    private OrderEntry find(String key) {
        OrderEntry held = whole.get(key);
        if (held != null) {
            return held;
        }
        byte[] packed = orders.get(KeyCode.of(key));
        if (packed == null) {
            return null;
        }
        OrderEntry entry = new OrderEntry();
        PackedOrder.unpack(packed, entry, null);
        return entry;
    }

    /** The entry of order {@code key} (code {@code code}) to change: a new one when the ledger has none. */
    private OrderEntry change(String key, byte[] code) {
        changedFlags = 0;
        OrderEntry held = whole.isEmpty() ? null : whole.get(key);
        if (held != null) {
            return held;
        }
        OrderEntry entry = new OrderEntry();
        byte[] packed = orders.get(code);
        if (packed != null) {
            PackedOrder.unpack(packed, entry, null);
            changedFlags = PackedOrder.flags(packed);
        }
        return entry;
    }

    /**
     * Keeps {@code entry} (which had {@code eventsBefore} events) as the order {@code key}'s: packed, or whole when
     * it holds objects a row cannot; and in the indexes its flags say.
     */
    private void keep(String key, byte[] code, OrderEntry entry, int eventsBefore) {
        events += entry.eventCount() - eventsBefore;
        if (!tooManyMalls) {
            noteMall(key);
        }
        byte[] packed = PackedOrder.pack(code, entry, packing);
        int flags = 0;
        if (packed != null) {
            orders.put(code, packed);
            flags = PackedOrder.flags(packed);
            if (!whole.isEmpty()) {
                whole.remove(key);
            }
        } else {
            whole.put(key, entry);
            orders.remove(code);
        }
        index(waiting, PackedOrder.WAITS, code, packed, flags);
        index(awaiting, PackedOrder.SKIPPED_PAID, code, packed, flags);
    }

    /**
     * Remembers the mall id of {@code key}, whatever is before its first colon (no garbage when it is known, which
     * is every record but a mall's first). The key of an unreadable record's outcome can be anything: many such
     * keys only send the search back to its walk.
     */
    private void noteMall(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return;
        }
        for (String mall : malls) {
            if (mall.length() == colon && key.startsWith(mall)) {
                return;
            }
        }
        if (malls.size() >= MAX_MALLS) {
            tooManyMalls = true;
            malls.clear();
            return;
        }
        malls.add(key.substring(0, colon));
    }

    /** Enters {@code packed} in {@code index} when it has {@code flag}, else takes the order out if it was in. */
    private void index(OrderTable index, int flag, byte[] code, byte[] packed, int flags) {
        if ((flags & flag) != 0) {
            index.put(code, packed);
        } else if ((changedFlags & flag) != 0) {
            index.remove(code);
        }
    }

    /**
     * Each order that may have what a scan looks for (a packed one in {@code index}, every whole one): its key
     * (built when asked) and its entry, the packed ones unpacked one after the other into the same entry (valid only
     * during its call).
     */
    private void forEach(OrderTable index, BiConsumer<Supplier<String>, OrderEntry> action) {
        index.forEach(packed -> {
            scannedOrders++;
            scanBuffer = PackedOrder.unpack(packed, scanned, scanBuffer);
            action.accept(() -> PackedOrder.key(packed), scanned);
        });
        whole.forEach((key, entry) -> action.accept(() -> key, entry));
    }

    /**
     * One latency sample per event and target: its first outcome there, from the event's first receipt. Replays and
     * redeliveries decided later are not samples (they would measure how long a person took to replay).
     */
    private void sampleLatency(Instant receivedAt, SyncOutcome outcome) {
        Duration took = Duration.between(receivedAt, outcome.at());
        latency.record(outcome.target(), outcome.at(), took.isNegative() ? Duration.ZERO : took);
    }

    /**
     * @param minutes epoch second of each minute's start, oldest first
     * @param counts  target → status → outcome records decided in each minute (same index as {@code minutes})
     */
    public record Timeline(long[] minutes, Map<SyncTarget, Map<SyncStatus, long[]>> counts) {
    }

    /** An event of an order still waiting for its outcome at one target, past the deadline. */
    public record Overdue(String key, OrderEvent event, Long line, SyncTarget target, Instant receivedAt,
                          Duration age) {
    }

    /**
     * An order whose sale waits for the buyer's confirmation before it goes to the CRM.
     *
     * @param paidAt when ingest accepted its PAID event
     * @param reason the CRM's SKIPPED reason
     */
    public record Awaiting(String key, Instant paidAt, Duration age, String reason) {
    }
}
