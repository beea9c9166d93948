package com.mallsync.ops.dlt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;

import com.mallsync.ops.ledger.EventRef;

/**
 * Which DLT records a replay re-publishes (pure, unit-tested). Per DLT, order key and event (the event and, for a
 * line refund, the line: {@link EventRef}) only the latest record counts (the others are {@code SUPERSEDED}); so
 * an order with a dead-lettered sale and a dead-lettered return has both replayed. It is skipped when that event
 * is already settled at the DLT's target ({@code DELIVERED}: a SYNCED, DUPLICATE or SKIPPED outcome of it there).
 * "Replay all" also skips what an earlier "replay all" handled ({@code ALREADY_REPLAYED}: below the partition's
 * progress offset) and a record that is itself the answer to a replay ({@code BOUNCED}: it carries
 * {@code ops-replayed-from}; the event was replayed and failed again, so a second blind replay would only write it
 * to the DLT once more). A named record or key is replayed whatever its progress, bounced or not: that is an
 * operator's decision.
 *
 * <p>The chosen records go out one order after the other, each order's events in the contract's order (PAID,
 * CONFIRMED, REFUNDED lines, CANCELLED; lines among themselves in their DLT order), whatever order their latest DLT
 * records are in: a consumer decides an order's events in offset order, so the sale must be back before its return.
 */
final class ReplayPlan {

    /** Why a selected record was not replayed. */
    enum Skip { SUPERSEDED, DELIVERED, ALREADY_REPLAYED, BOUNCED }

    /**
     * A DLT record as the plan sees it.
     *
     * @param event which event of the order it carries ({@code ce_type} and the value's line)
     */
    record Candidate(String id, TopicPartition partition, long offset, long timestamp, String key, EventRef event,
                     boolean bounce) {
    }

    record Plan(List<Candidate> chosen, Map<Skip, Integer> skipped) {
    }

    private ReplayPlan() {
    }

    private static final Comparator<Candidate> READ_ORDER = Comparator.comparingLong(Candidate::timestamp)
            .thenComparingLong(Candidate::offset);

    /**
     * @param records  the selected records of one DLT
     * @param progress partition → first offset an earlier "replay all" did not handle
     * @param settled  whether a record's event (its key and {@link Candidate#event()}) is settled at this DLT's target
     */
    static Plan plan(List<Candidate> records, boolean all, Map<TopicPartition, Long> progress,
                     Predicate<Candidate> settled) {
        Map<Object, Candidate> latest = new LinkedHashMap<>();
        Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
        for (Skip s : Skip.values()) {
            skipped.put(s, 0);
        }
        for (Candidate c : records) {
            Object group = c.key() == null ? c.id() : List.of(c.key(), c.event());
            Candidate previous = latest.get(group);
            if (previous == null || READ_ORDER.compare(c, previous) > 0) {
                latest.put(group, c);
            }
            if (previous != null) {
                skipped.merge(Skip.SUPERSEDED, 1, Integer::sum);
            }
        }
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : latest.values()) {
            Skip skip = null;
            if (c.key() != null && settled.test(c)) {
                skip = Skip.DELIVERED;
            } else if (all && c.offset() < progress.getOrDefault(c.partition(), 0L)) {
                skip = Skip.ALREADY_REPLAYED;
            } else if (all && c.bounce()) {
                skip = Skip.BOUNCED;
            }
            if (skip == null) {
                chosen.add(c);
            } else {
                skipped.merge(skip, 1, Integer::sum);
            }
        }
        chosen.sort(sendOrder(chosen));
        return new Plan(chosen, skipped);
    }

    /** Orders by their earliest chosen record; within one order, its events in the contract's order. */
    private static Comparator<Candidate> sendOrder(List<Candidate> chosen) {
        Map<String, Candidate> firstOfOrder = new HashMap<>();
        for (Candidate c : chosen) {
            String order = c.key() == null ? c.id() : c.key();
            firstOfOrder.merge(order, c, (a, b) -> READ_ORDER.compare(a, b) <= 0 ? a : b);
        }
        Comparator<Candidate> byOrder = Comparator.comparing(
                c -> firstOfOrder.get(c.key() == null ? c.id() : c.key()), READ_ORDER);
        return byOrder.thenComparing(Candidate::key, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(c -> c.event().rank()).thenComparing(READ_ORDER);
    }
}
