package com.mallsync.membersync.batch;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.common.TopicPartition;

/**
 * Between polls, which partitions to pause and which to resume (a pure rule; {@link SyncLoop} applies it). Fetching
 * stops while the breaker is open or too much is read and not finished: still polling, so the group keeps us. When
 * it goes on again, every paused partition is resumed except those still held for the outcome index
 * ({@link com.mallsync.outcomes.HeldPartitions}): resuming one of those early would decide records that the previous
 * owner may have published outcomes for.
 *
 * <p>Half-open fetches again (bounded by max-pending): if one batch keeps failing while the CRM is fine, new orders
 * succeeding beside it are what lets its failures be charged to it ({@link BatchSender#charge}), so it cannot hold
 * the whole consumer paused forever.
 *
 * @param breakerOpen fetching stops because the breaker is open
 * @param stop        fetching stops (breaker open, or max-pending reached)
 * @param pause       partitions to pause now
 * @param resume      partitions to resume now
 */
record FetchGate(boolean breakerOpen, boolean stop, Set<TopicPartition> pause, Set<TopicPartition> resume) {

    static FetchGate decide(CircuitBreaker.State breaker, int pending, int maxPending,
                            Collection<TopicPartition> assigned, Collection<TopicPartition> paused,
                            Collection<TopicPartition> held) {
        boolean breakerOpen = breaker == CircuitBreaker.State.OPEN || breaker == CircuitBreaker.State.FORCED_OPEN;
        boolean stop = breakerOpen || pending >= maxPending;
        if (stop) {
            Set<TopicPartition> pause = !assigned.isEmpty() && !paused.containsAll(assigned)
                    ? Set.copyOf(assigned) : Set.of();
            return new FetchGate(breakerOpen, true, pause, Set.of());
        }
        Set<TopicPartition> resumable = new HashSet<>(paused);
        resumable.removeAll(held);
        return new FetchGate(false, false, Set.of(), Set.copyOf(resumable));
    }

    /** The {@code paused} gauge: 2 for the breaker, 1 for back-pressure, 0 fetching. */
    int gauge() {
        return stop ? (breakerOpen ? 2 : 1) : 0;
    }
}
