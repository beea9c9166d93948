package com.mallsync.erpsync.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offset of each partition is safe to commit: the lowest record not yet finished, or one past the last record
 * fetched when all are finished. Records finish out of order (calls run in parallel), so a crash after a commit
 * never skips an unfinished record; at worst finished ones are redelivered, and the synced ledger answers those.
 *
 * <p>{@link #fetched} and {@link #committable} run on the poll thread, {@link #finished} on workers.
 */
final class OffsetTracker {

    private final Map<TopicPartition, ConcurrentSkipListSet<Long>> open = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void fetched(TopicPartition tp, long offset) {
        open.computeIfAbsent(tp, k -> new ConcurrentSkipListSet<>()).add(offset);
        next.merge(tp, offset + 1, Math::max);
    }

    void finished(TopicPartition tp, long offset) {
        ConcurrentSkipListSet<Long> offsets = open.get(tp);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** The position to commit for one partition now, or -1 when nothing was fetched. */
    long safeOffset(TopicPartition tp) {
        Long nextOffset = next.get(tp);
        if (nextOffset == null) {
            return -1;
        }
        ConcurrentSkipListSet<Long> offsets = open.get(tp);
        Long lowest = offsets == null || offsets.isEmpty() ? null : offsets.first();
        return lowest == null ? nextOffset : lowest;
    }

    /** What moved since the last commit; marks it as committed. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : next.keySet()) {
            long safe = safeOffset(tp);
            if (safe >= 0 && !Long.valueOf(safe).equals(committed.get(tp))) {
                result.put(tp, new OffsetAndMetadata(safe));
                committed.put(tp, safe);
            }
        }
        return result;
    }

    /** A commit of these partitions failed: offer them again at the next commit. Poll thread. */
    void commitFailed(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
    }

    /** Unfinished records over all partitions. */
    int openCount() {
        return open.values().stream().mapToInt(ConcurrentSkipListSet::size).sum();
    }

    void forget(TopicPartition tp) {
        open.remove(tp);
        next.remove(tp);
        committed.remove(tp);
    }
}
