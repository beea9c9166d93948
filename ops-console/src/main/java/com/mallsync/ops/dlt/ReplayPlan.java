package com.mallsync.ops.dlt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import org.apache.kafka.common.TopicPartition;

/**
 * Which DLT records a replay re-publishes (pure, unit-tested). Per DLT and order key only the latest record counts
 * (the others are {@code SUPERSEDED}); it is skipped when the order is already delivered at the DLT's target
 * ({@code DELIVERED}: a SYNCED or DUPLICATE outcome there). "Replay all" also skips what an earlier "replay all"
 * handled ({@code ALREADY_REPLAYED}: below the partition's progress offset) and a record that is itself the answer
 * to a replay ({@code BOUNCED}: it carries {@code ops-replayed-from}; the order was replayed and failed again, so a
 * second blind replay would only write it to the DLT once more). A named record or key is replayed whatever its
 * progress, bounced or not: that is an operator's decision.
 */
final class ReplayPlan {

    /** Why a selected record was not replayed. */
    enum Skip { SUPERSEDED, DELIVERED, ALREADY_REPLAYED, BOUNCED }

    /** A DLT record as the plan sees it. */
    record Candidate(String id, TopicPartition partition, long offset, long timestamp, String key, boolean bounce) {
    }

    record Plan(List<Candidate> chosen, Map<Skip, Integer> skipped) {
    }

    private ReplayPlan() {
    }

    /**
     * @param records   the selected records of one DLT
     * @param progress  partition → first offset an earlier "replay all" did not handle
     * @param delivered whether an order key is delivered at this DLT's target
     */
    static Plan plan(List<Candidate> records, boolean all, Map<TopicPartition, Long> progress,
                     BiPredicate<String, Candidate> delivered) {
        Map<String, Candidate> latest = new LinkedHashMap<>();
        Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
        for (Skip s : Skip.values()) {
            skipped.put(s, 0);
        }
        Comparator<Candidate> order = Comparator.comparingLong(Candidate::timestamp).thenComparingLong(Candidate::offset);
        for (Candidate c : records) {
            String group = c.key() == null ? c.id() : c.key();
            Candidate previous = latest.get(group);
            if (previous == null || order.compare(c, previous) > 0) {
                latest.put(group, c);
            }
            if (previous != null) {
                skipped.merge(Skip.SUPERSEDED, 1, Integer::sum);
            }
        }
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : latest.values()) {
            Skip skip = null;
            if (c.key() != null && delivered.test(c.key(), c)) {
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
        chosen.sort(order);
        return new Plan(chosen, skipped);
    }
}
