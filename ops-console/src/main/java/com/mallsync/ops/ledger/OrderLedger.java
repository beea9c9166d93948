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
import java.util.UUID;

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
 * <p>Memory: per order of the window its key and one {@link OrderEntry} of packed rows, one per event (its eventId,
 * receipt, and per target the latest outcome's status, attempts, time, reason and external ref, rebuilt into a
 * {@link SyncOutcome} when a page asks): see ops-console's README ("Memory") for the measured bytes per order; a
 * console that has to watch many millions of orders would keep this in a compacted topic or a store instead.
 */
public final class OrderLedger {

    private static final Duration KEEP_COUNTS = Duration.ofHours(24);

    private final Map<String, OrderEntry> orders = new HashMap<>();
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
        OrderEntry entry = orders.computeIfAbsent(key, k -> new OrderEntry());
        entry.seen(recordTime);
        // outcomes read before their event (two topics, one poll): their latency is known now
        entry.published(key, ref, eventId, at, texts).forEach(o -> sampleLatency(at, o));
    }

    /** An outcome was read (in any order relative to its event's record). */
    public synchronized void outcome(SyncOutcome outcome) {
        outcome(outcome, outcome.at().toEpochMilli());
    }

    /** As {@link #outcome(SyncOutcome)}, the record written at {@code recordTime} (epoch ms). */
    public synchronized void outcome(SyncOutcome outcome, long recordTime) {
        outcomeRecords++;
        String key = outcome.key();
        OrderEntry entry = orders.computeIfAbsent(key, k -> new OrderEntry());
        entry.seen(recordTime);
        Instant received = entry.outcome(key, outcome, texts);
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
        return window.evict(orders, OrderEntry::lastSeen);
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
        orders.forEach((key, entry) -> entry.overdue(key, cutoff, now, overdue));
        overdue.sort(Comparator.comparing(Overdue::receivedAt).thenComparing(Overdue::key)
                .thenComparing(o -> new EventRef(o.event(), o.line())).thenComparing(Overdue::target));
        return overdue;
    }

    /**
     * Reconciliation: orders awaiting confirmation (the CRM's PAID outcome is SKIPPED because the sale goes up on
     * CONFIRMED, and no CONFIRMED or CANCELLED event yet), longest waiting first. Not late, not a problem.
     */
    public synchronized List<Awaiting> awaitingConfirmation(Instant now) {
        List<Awaiting> awaiting = new ArrayList<>();
        orders.forEach((key, entry) -> entry.awaiting(key, now, texts).ifPresent(awaiting::add));
        awaiting.sort(Comparator.comparing(Awaiting::paidAt).thenComparing(Awaiting::key));
        return awaiting;
    }

    /** How many events have no outcome at {@code target} yet, overdue or not. */
    public synchronized long pending(SyncTarget target) {
        return orders.values().stream().mapToLong(e -> e.pending(target)).sum();
    }

    /** When ingest accepted the order (its first event's first record on {@code orders.paid.v1}), or {@code null}. */
    public synchronized Instant receivedAt(String key) {
        OrderEntry entry = orders.get(key);
        return entry == null ? null : entry.receivedAt();
    }

    /** Keys that are {@code query} or whose order number it is (any mall), at most {@code limit}. */
    public synchronized List<String> keys(String query, int limit) {
        List<String> keys = new ArrayList<>();
        if (orders.containsKey(query)) {
            keys.add(query);
        }
        String suffix = ":" + query;
        for (String key : orders.keySet()) {
            if (keys.size() >= limit) {
                break;
            }
            if (key.endsWith(suffix) && key.indexOf(':') == key.length() - suffix.length()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * One order's events in the contract's order (PAID, CONFIRMED, REFUNDED lines, CANCELLED), each with its latest
     * outcome per target and the targets it is waiting for (overdue after {@code after}).
     */
    public synchronized List<EventView> events(String key, Instant now, Duration after) {
        OrderEntry entry = orders.get(key);
        return entry == null ? List.of() : entry.view(key, now.minus(after), texts);
    }

    /** Whether order {@code key} is awaiting confirmation (see {@link #awaitingConfirmation}). */
    public synchronized boolean awaitingConfirmation(String key, Instant now) {
        OrderEntry entry = orders.get(key);
        return entry != null && entry.awaiting(key, now, texts).isPresent();
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
        return orders.size();
    }

    public synchronized long eventCount() {
        return orders.values().stream().mapToLong(OrderEntry::eventCount).sum();
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
