package com.mallsync.outcomes;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newly assigned partitions of a poll loop, kept paused until the {@link OutcomeIndex} has read every outcome
 * published before they were assigned: the previous owner's uncommitted records, delivered again here, must meet
 * the outcomes it published. A service with a second such reader (erp-sync's ledger of ERP calls, whose
 * confirmations the previous owner wrote before giving the partitions up) holds them until both have caught up.
 * Paused rather than blocked in the rebalance callback, so the loop keeps polling (heartbeats, commits, the other
 * partitions) while the readers catch up, however long the brokers take; a hold that lasts is logged.
 *
 * <p>Used by the poll-loop thread only (the rebalance callbacks run inside its {@code poll}).
 */
public final class HeldPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(HeldPartitions.class);
    private static final Duration SLOW = Duration.ofSeconds(30);

    private final OutcomeIndex index;
    private final Supplier<CompletableFuture<Void>> also;
    private final String alsoName;
    private final String waitsFor;
    private final Duration slow;
    private final Set<TopicPartition> held = new HashSet<>();
    private CompletableFuture<Void> caughtUp = CompletableFuture.completedFuture(null);
    private long heldSince;
    private boolean warned;

    public HeldPartitions(OutcomeIndex index) {
        this(index, () -> CompletableFuture.completedFuture(null), null, SLOW);
    }

    /**
     * @param also     a second reader's catch-up ({@code TopicTail#catchUp}: completes once it has read what was
     *                 written before the call, fails only when it is closed)
     * @param alsoName what that reader is, for the log
     * @param slow     a hold longer than this is logged as a warning (the partitions stay held)
     */
    public HeldPartitions(OutcomeIndex index, Supplier<CompletableFuture<Void>> also, String alsoName,
                          Duration slow) {
        this.slow = slow;
        this.index = index;
        this.also = also;
        this.alsoName = alsoName;
        this.waitsFor = alsoName == null ? "the outcome index" : "the outcome index and " + alsoName;
    }

    /** From {@code onPartitionsAssigned}: pauses them and asks the readers to catch up. */
    public void hold(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.pause(partitions);
        if (held.isEmpty()) {
            heldSince = System.nanoTime();
            warned = false;
        }
        held.addAll(partitions);
        // A later request covers the earlier ones: it waits for end offsets taken later.
        caughtUp = CompletableFuture.allOf(index.catchUp(), also.get());
        LOG.info("partitions {} held until {} caught up", partitions, waitsFor);
    }

    /** From {@code onPartitionsRevoked} / {@code onPartitionsLost}. */
    public void forget(Collection<TopicPartition> partitions) {
        held.removeAll(partitions);
    }

    /**
     * Between polls: the partitions still held (the caller must not resume them). Once the readers have caught up
     * they are released, to be resumed by the caller's usual pause/resume logic.
     *
     * @throws IllegalStateException when a reader stopped (it only does when closed): consuming without it would
     *                               publish second outcomes or make second calls
     */
    public Set<TopicPartition> stillHeld() {
        if (held.isEmpty()) {
            return held;
        }
        if (caughtUp.isDone()) {
            if (caughtUp.isCompletedExceptionally()) {
                throw new IllegalStateException(waitsFor + ": a reader stopped; not consuming without it");
            }
            // "outcome index caught up (N orders known)": bench-state's StateBenchmark waits for this line
            LOG.info("outcome index caught up ({} orders known){}: consuming {}", index.size(),
                    alsoName == null ? "" : ", " + alsoName + " too", held);
            held.clear();
        } else if (!warned && System.nanoTime() - heldSince > slow.toNanos()) {
            warned = true;
            LOG.warn("partitions {} still held after {}: {} not caught up yet (are the brokers well?); they stay "
                    + "paused until then", held, slow, waitsFor);
        }
        return held;
    }
}
