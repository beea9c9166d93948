package com.mallsync.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A poll loop's offset bookkeeping over the partitions it holds: one {@link PartitionOffsets} each, created when the
 * first record of the partition is read and dropped when the partition is revoked or lost. Commits go up to each
 * partition's lowest unfinished record (or one past the highest read).
 *
 * <p>Threads: every method here runs on the poll-loop thread (rebalance listeners and commit callbacks run there
 * too, inside {@code poll}); other threads only finish records, through the {@link PartitionOffsets} that
 * {@link #read} returned.
 */
public final class Offsets {

    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

    /** The record is read: unfinished until its partition's {@link PartitionOffsets#finished} is called. */
    public PartitionOffsets read(ConsumerRecord<?, ?> record) {
        return read(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    public PartitionOffsets read(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.computeIfAbsent(partition, PartitionOffsets::new);
        offsets.read(offset);
        return offsets;
    }

    /** Records read and not finished, over all partitions held. */
    public int unfinished() {
        int n = 0;
        for (PartitionOffsets offsets : partitions.values()) {
            n += offsets.unfinished();
        }
        return n;
    }

    public int unfinished(TopicPartition partition) {
        PartitionOffsets offsets = partitions.get(partition);
        return offsets == null ? 0 : offsets.unfinished();
    }

    /**
     * The positions that moved since the last commit, marked as committed: for a periodic (asynchronous) commit.
     * Give them back to {@link #commitFailed} when that commit fails.
     */
    public Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        partitions.forEach((tp, offsets) -> {
            long next = offsets.takeCommittable();
            if (next >= 0) {
                moved.put(tp, new OffsetAndMetadata(next));
            }
        });
        return moved;
    }

    /** A commit of these partitions failed: offer them again at the next {@link #toCommit}, even if nothing moved. */
    public void commitFailed(Collection<TopicPartition> failed) {
        for (TopicPartition tp : failed) {
            PartitionOffsets offsets = partitions.get(tp);
            if (offsets != null) {
                offsets.commitFailed();
            }
        }
    }

    /**
     * Every partition's position, committed already or not: for a synchronous commit that must not rely on an
     * asynchronous one a rebalance may have failed. Marks nothing.
     */
    public Map<TopicPartition, OffsetAndMetadata> positions() {
        Map<TopicPartition, OffsetAndMetadata> all = new HashMap<>();
        partitions.forEach((tp, offsets) -> {
            long position = offsets.position();
            if (position >= 0) {
                all.put(tp, new OffsetAndMetadata(position));
            }
        });
        return all;
    }

    /**
     * Forgets these partitions (revoked or lost): what is finished of them from now on counts nowhere, and a
     * partition assigned again starts afresh.
     *
     * @return their positions at this moment, for a synchronous commit on revoke
     */
    public Map<TopicPartition, OffsetAndMetadata> forget(Collection<TopicPartition> gone) {
        Map<TopicPartition, OffsetAndMetadata> last = new HashMap<>();
        for (TopicPartition tp : gone) {
            PartitionOffsets offsets = partitions.remove(tp);
            if (offsets != null) {
                offsets.forget();
                long position = offsets.position();
                if (position >= 0) {
                    last.put(tp, new OffsetAndMetadata(position));
                }
            }
        }
        return last;
    }
}
