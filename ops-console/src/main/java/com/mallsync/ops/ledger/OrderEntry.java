package com.mallsync.ops.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * What the console knows of one order: each of its events (by {@link EventRef}, in the contract's order), when
 * ingest accepted it and its latest outcome per target. The reconciliation rules for one order live here (pure).
 * Not thread-safe: {@link OrderLedger} calls it under its lock.
 */
final class OrderEntry {

    /** When ingest accepted the order's first event (the earliest receipt read), or {@code null}. */
    private Instant receivedAt;
    /** The time of the order's latest record read (epoch ms): what the ledger's window evicts by. */
    private long lastSeen = Long.MIN_VALUE;
    private final TreeMap<EventRef, EventState> events = new TreeMap<>();

    private static final class EventState {
        UUID eventId;
        Instant receivedAt;
        final Map<SyncTarget, SyncOutcome> latest = new EnumMap<>(SyncTarget.class);
    }

    /**
     * A record of event {@code ref} was read, ingest having accepted it at {@code at}; a re-publish (replay,
     * redelivery) keeps the earliest. Returns the outcomes read before this event's first record: their latency
     * is known now.
     */
    List<SyncOutcome> published(EventRef ref, UUID eventId, Instant at) {
        EventState state = events.computeIfAbsent(ref, r -> new EventState());
        if (state.eventId == null) {
            state.eventId = eventId;
        }
        List<SyncOutcome> early = state.receivedAt == null ? List.copyOf(state.latest.values()) : List.of();
        if (state.receivedAt == null || at.isBefore(state.receivedAt)) {
            state.receivedAt = at;
        }
        if (receivedAt == null || at.isBefore(receivedAt)) {
            receivedAt = at;
        }
        return early;
    }

    /**
     * An outcome was read (before or after its event's record). Returns when its event was received if this is the
     * event's first outcome at that target and the receipt is known (a latency sample), else {@code null}.
     */
    Instant outcome(SyncOutcome outcome) {
        EventState state = events.computeIfAbsent(EventRef.of(outcome), r -> new EventState());
        if (state.eventId == null) {
            state.eventId = outcome.eventId();
        }
        boolean first = !state.latest.containsKey(outcome.target());
        state.latest.put(outcome.target(), outcome);
        return first ? state.receivedAt : null;
    }

    Instant receivedAt() {
        return receivedAt;
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
    void overdue(String key, Instant cutoff, Instant now, List<OrderLedger.Overdue> out) {
        events.forEach((ref, state) -> {
            if (state.receivedAt != null && state.receivedAt.isBefore(cutoff)) {
                for (SyncTarget target : SyncTarget.values()) {
                    if (!state.latest.containsKey(target)) {
                        out.add(new OrderLedger.Overdue(key, ref.event(), ref.line(), target, state.receivedAt,
                                Duration.between(state.receivedAt, now)));
                    }
                }
            }
        });
    }

    /**
     * Awaiting confirmation: the CRM's outcome of the PAID event is SKIPPED (member-sync uploads the sale on
     * CONFIRMED) and the order has neither a CONFIRMED nor a CANCELLED event yet. Nothing is late: the sale goes to
     * the CRM when the buyer confirms receipt. With {@code member-sync.upload-on=PAID} a PAID event is SKIPPED only
     * when nothing was left to upload (every line refunded before); such an order is listed here too, since nothing
     * reaches the CRM before a confirmation either way.
     */
    Optional<OrderLedger.Awaiting> awaiting(String key, Instant now) {
        EventState paid = events.get(EventRef.PAID);
        SyncOutcome crm = paid == null ? null : paid.latest.get(SyncTarget.CRM_2030);
        if (crm == null || crm.status() != SyncStatus.SKIPPED) {
            return Optional.empty();
        }
        boolean moved = events.keySet().stream()
                .anyMatch(r -> r.event() == OrderEvent.CONFIRMED || r.event() == OrderEvent.CANCELLED);
        if (moved) {
            return Optional.empty();
        }
        Instant since = paid.receivedAt != null ? paid.receivedAt : crm.at();
        return Optional.of(new OrderLedger.Awaiting(key, since, Duration.between(since, now), crm.reason()));
    }

    /** Events with no outcome at {@code target} yet, overdue or not. */
    long pending(SyncTarget target) {
        return events.values().stream().filter(s -> s.receivedAt != null && !s.latest.containsKey(target)).count();
    }

    /** Each event, in the contract's order, with its outcome per target; {@code cutoff}: received before it is overdue. */
    List<EventView> view(Instant cutoff) {
        List<EventView> out = new ArrayList<>();
        events.forEach((ref, state) -> {
            List<SyncTarget> waiting = new ArrayList<>();
            List<SyncTarget> overdue = new ArrayList<>();
            for (SyncTarget target : SyncTarget.values()) {
                if (!state.latest.containsKey(target)) {
                    waiting.add(target);
                    if (state.receivedAt != null && state.receivedAt.isBefore(cutoff)) {
                        overdue.add(target);
                    }
                }
            }
            out.add(new EventView(ref.event(), ref.line(), state.eventId, state.receivedAt, copy(state.latest),
                    List.copyOf(waiting), List.copyOf(overdue)));
        });
        return out;
    }

    /** In target order (an EnumMap), read-only. */
    private static Map<SyncTarget, SyncOutcome> copy(Map<SyncTarget, SyncOutcome> latest) {
        return Collections.unmodifiableMap(new EnumMap<>(latest));
    }

    int eventCount() {
        return events.size();
    }
}
