package com.mallsync.outcomes;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newly assigned partitions of a poll loop, kept paused until the {@link OutcomeIndex} has read every outcome
 * published before they were assigned: the previous owner's uncommitted records, delivered again here, must meet
 * the outcomes it published. Paused rather than blocked in the rebalance callback, so the loop keeps polling
 * (heartbeats, commits, the other partitions) while the index catches up.
 *
 * <p>Used by the poll-loop thread only (the rebalance callbacks run inside its {@code poll}).
 */
public final class HeldPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(HeldPartitions.class);

    private final OutcomeIndex index;
    private final Set<TopicPartition> held = new HashSet<>();
    private CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);

    public HeldPartitions(OutcomeIndex index) {
        this.index = index;
    }

    /** From {@code onPartitionsAssigned}: pauses them and asks the index to catch up. */
    public void hold(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.pause(partitions);
        held.addAll(partitions);
        // A later request covers the earlier ones: it waits for end offsets taken later.
        caughtUp = index.catchUp();
        LOG.info("partitions {} held until the outcome index has caught up", partitions);
    }

    /** From {@code onPartitionsRevoked} / {@code onPartitionsLost}. */
    public void forget(Collection<TopicPartition> partitions) {
        held.removeAll(partitions);
    }

    /**
     * Between polls: the partitions still held (the caller must not resume them). Once the index has caught up
     * they are released, to be resumed by the caller's usual pause/resume logic.
     *
     * @throws IllegalStateException when the index stopped (it only does when closed): consuming without it would
     *                               publish second outcomes
     */
    public Set<TopicPartition> stillHeld() {
        if (!held.isEmpty() && caughtUp.isDone()) {
            if (caughtUp.isCompletedExceptionally()) {
                throw new IllegalStateException("the outcome index stopped; not consuming without it");
            }
            LOG.info("outcome index caught up ({} orders known): consuming {}", index.size(), held);
            held.clear();
        }
        return held;
    }
}
