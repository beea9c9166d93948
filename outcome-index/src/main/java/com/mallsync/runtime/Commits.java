package com.mallsync.runtime;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synchronous commit that cannot end a poll loop for the reasons a group produces in normal life: a rebalance in
 * progress or completed meanwhile ({@link CommitFailedException}, {@link RebalanceInProgressException}), a
 * timeout, any retriable error. Those leave the offsets where they were, which is always safe here (offsets only
 * ever trail finished records): the records after them are read again, and the outcome index skips the ones whose
 * outcome is out. Fatal errors (fenced instance, authorization, wake-up) still propagate: the loop's owner decides.
 */
public final class Commits {

    private static final Logger LOG = LoggerFactory.getLogger(Commits.class);

    private Commits() {
    }

    /** @return true when committed; false when the commit failed for a reason that leaves the loop running */
    public static boolean commitSync(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets,
                                     Duration timeout, String what) {
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(offsets, timeout);
            return true;
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            LOG.warn("commit {} of {} failed ({}); those records will be read again and skipped where decided", what,
                    offsets, e.toString());
            return false;
        }
    }
}
