package com.mallsync.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A poll loop's offset bookkeeping over the partitions it holds: one {@link PartitionOffsets} each, created when the
 * first record of the partition is read and dropped when the partition is revoked or lost. Commits go up to each
 * partition's lowest unfinished record (or one past the highest read), in one transaction with the publications of
 * the records below it ({@link #round}, {@link OutcomeSink}).
 *
 * <p>Threads: every method here runs on the poll-loop thread (rebalance listeners run there too, inside
 * {@code poll}); other threads only finish records, through the {@link PartitionOffsets} that
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
     * The next transaction's content, taken out: every partition whose position moved past its last commit or that
     * holds publications below its position. Give it back ({@link #giveBack}) when its transaction may be repeated,
     * {@link #drop} it when its publications must never appear.
     */
    public Round round() {
        List<Prefix> prefixes = new ArrayList<>();
        partitions.values().forEach(offsets -> {
            Prefix prefix = offsets.take();
            if (prefix != null) {
                prefixes.add(prefix);
            }
        });
        return new Round(prefixes);
    }

    /**
     * The round's transaction was aborted and may be repeated: its publications are held again and its positions
     * offered again. Those of partitions forgotten meanwhile are dropped.
     */
    public void giveBack(Round round) {
        for (Prefix prefix : round.prefixes()) {
            PartitionOffsets offsets = partitions.get(prefix.partition());
            if (offsets == null || !offsets.giveBack(prefix)) {
                prefix.publications().values().forEach(p -> p.dropped().run());
            }
        }
    }

    /**
     * The round's transaction is known to have committed: runs each publication's {@link Publication#committed}, and
     * each partition's replay point moves up to the committed position.
     */
    public void committed(Round round) {
        for (Prefix prefix : round.prefixes()) {
            PartitionOffsets offsets = partitions.get(prefix.partition());
            if (offsets != null) {
                offsets.committedUpTo(prefix.position());
            }
        }
        round.committed();
    }

    /** The round's publications will never appear: undoes each ({@link Publication#dropped}). */
    public void drop(Round round) {
        round.prefixes().forEach(p -> p.publications().values().forEach(pub -> pub.dropped().run()));
    }

    /** Finished records whose publications wait for a transaction, over all partitions held. */
    public int waiting() {
        int n = 0;
        for (PartitionOffsets offsets : partitions.values()) {
            n += offsets.waiting();
        }
        return n;
    }

    /**
     * Forgets these partitions (revoked, lost, or refused by a transaction): what is finished of them from now on
     * counts nowhere, a partition assigned again starts afresh, and the publications they hold are dropped (the
     * records are read again by whoever owns the partition next).
     *
     * @return for each partition that had records read, where reading it again must start so that none of what
     *         this owner read and did not commit is skipped: the position of its last commit known to have
     *         succeeded, or the first offset it read (what a refused transaction rewinds to)
     */
    public Map<TopicPartition, OffsetAndMetadata> forget(Collection<TopicPartition> gone) {
        Map<TopicPartition, OffsetAndMetadata> replay = new HashMap<>();
        for (TopicPartition tp : gone) {
            PartitionOffsets offsets = partitions.remove(tp);
            if (offsets != null) {
                offsets.forget().forEach(p -> p.dropped().run());
                long from = offsets.replayFrom();
                if (from >= 0) {
                    replay.put(tp, new OffsetAndMetadata(from));
                }
            }
        }
        return replay;
    }
}
