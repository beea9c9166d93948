package com.mallsync.runtime;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.common.TopicPartition;

/**
 * Between polls, which partitions to pause and which to resume: the one rule of both services (a pure function;
 * the shared {@link PollLoop} applies it). Fetching stops while the breaker
 * is open or too much is read and not finished: still polling, so the group keeps us. When it goes on again, every
 * paused partition is resumed except those still held for the outcome index
 * ({@link com.mallsync.outcomes.HeldPartitions}): resuming one of those early would decide records that the previous
 * owner may have published outcomes for.
 *
 * <p>Half-open fetches again (bounded by the service's limit of records read and not finished), in both services, on
 * purpose. The breaker's trial calls are made for records: with fetching paused and nothing left in hand (a rebalance
 * dropped it, as for erp-sync's frozen instance in the cluster fault run) there is no call to try, and the breaker
 * stays half-open, paused, for good. And in member-sync a batch that keeps failing while the CRM is fine is charged
 * its failures only next to new orders succeeding ({@code BatchSender#charge}), so it cannot hold the consumer
 * paused forever. The trial calls themselves stay the breaker's: only its permitted calls go out; the other records
 * wait for it without spending their budget.
 *
 * @param breakerOpen fetching stops because the breaker is open
 * @param stop        fetching stops (breaker open, or the limit reached)
 * @param pause       partitions to pause now
 * @param resume      partitions to resume now
 */
public record FetchGate(boolean breakerOpen, boolean stop, Set<TopicPartition> pause, Set<TopicPartition> resume) {

    public static FetchGate decide(CircuitBreaker.State breaker, int pending, int maxPending,
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
    public int gauge() {
        return stop ? (breakerOpen ? 2 : 1) : 0;
    }
}
