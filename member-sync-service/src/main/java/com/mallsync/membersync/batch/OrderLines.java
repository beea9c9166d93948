package com.mallsync.membersync.batch;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * One waiting line per order (record key): the event being decided or in a batch (the head) and the later events of
 * the same order behind it, in offset order (LIFECYCLE: "a consumer decides an event only after every earlier event
 * of the same order is decided at its target"). So a batch holds at most one event of an order, and a return never
 * travels with its sale: the next event is decided only once the head's outcome is claimed and published.
 *
 * <p>Waiting records stay unfinished in their partition's offsets, so offsets still commit only up to the lowest
 * unfinished record. Used by the poll-loop thread only.
 */
final class OrderLines {

    private final Map<String, ArrayDeque<PendingOrder>> lines = new HashMap<>();

    /** Queues a read event; true when it is the first of its order now (decide it at once), false when it waits. */
    boolean enter(PendingOrder event) {
        ArrayDeque<PendingOrder> line = lines.computeIfAbsent(event.order.key(), k -> new ArrayDeque<>());
        line.addLast(event);
        return line.size() == 1;
    }

    /**
     * The head of its order's line is finished (its outcome published, or skipped): the next event of that order to
     * decide, or {@code null}. A finished record that is not a head (a line forgotten on revoke) changes nothing.
     */
    PendingOrder finished(PendingOrder event) {
        if (event.order == null) {
            return null;
        }
        ArrayDeque<PendingOrder> line = lines.get(event.order.key());
        if (line == null || line.peekFirst() != event) {
            return null;
        }
        line.pollFirst();
        if (line.isEmpty()) {
            lines.remove(event.order.key());
            return null;
        }
        return line.peekFirst();
    }

    /**
     * Takes the waiting (not yet decided) events of these partitions out (the new owner reads them again): how many
     * per partition. Heads stay until {@link #forget}: they may be in flight.
     */
    Map<TopicPartition, Integer> dropWaiting(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Integer> dropped = new HashMap<>();
        for (ArrayDeque<PendingOrder> line : lines.values()) {
            Iterator<PendingOrder> waiting = line.iterator();
            waiting.next();
            while (waiting.hasNext()) {
                PendingOrder event = waiting.next();
                if (partitions.contains(event.offsets.partition())) {
                    waiting.remove();
                    dropped.merge(event.offsets.partition(), 1, Integer::sum);
                }
            }
        }
        return dropped;
    }

    /** Forgets every line whose head is of these partitions (revoked or lost). */
    void forget(Collection<TopicPartition> partitions) {
        lines.values().removeIf(line -> partitions.contains(line.peekFirst().offsets.partition()));
    }

    /** Events waiting behind an earlier one of their order. */
    int waiting() {
        return lines.values().stream().mapToInt(line -> line.size() - 1).sum();
    }
}
