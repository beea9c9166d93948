package com.mallsync.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;

/**
 * The records of one partition that a poll loop read and that are not finished yet, and so the offset that is safe
 * to commit: the lowest unfinished record, or one past the highest read once all are finished. Records finish out
 * of order (calls and batches run in parallel), so a commit never passes an unfinished record. A finished record's
 * {@link Publication} (its outcome, its dead letter) is held here until the records below it finish: a transaction
 * of the {@link OutcomeSink} then takes the finished prefix, its publications and the offset after it together, so
 * what is committed and what is published always agree.
 *
 * <p>Threads: the poll-loop thread reads records into it, asks its position and forgets it (all through
 * {@link Offsets}); {@link #finished}, {@link #held} and {@link #unfinished} are safe from any thread (workers,
 * senders). Once the partition is forgotten (revoked, lost) this object is detached for good: what is finished of it
 * afterwards counts nowhere, so a record finished late by the old owner never moves the offsets of the partition
 * read again after a new assignment.
 */
public final class PartitionOffsets {

    private final TopicPartition partition;
    /**
     * Guarded by itself: a plain set under a lock of its own measured about 1.5 (four finishing threads) to 2.5
     * (one) times faster than a ConcurrentSkipListSet here; each caller holds it for one operation.
     */
    private final TreeSet<Long> unfinished = new TreeSet<>();
    /** Guarded by {@link #unfinished}: finished records whose publications wait for a transaction. */
    private final TreeMap<Long, Publication> held = new TreeMap<>();
    /** Poll thread only. */
    private long nextAfterRead = -1;
    /** Poll thread only: the offset of the last commit not known to have failed, -1 for none. */
    private long committed = -1;
    /**
     * Poll thread only: where reading again must start so that nothing this owner read is skipped: the lowest offset
     * it read, raised to the position of each commit known to have succeeded ({@link Offsets#committed}). Never past the
     * group's committed offset as far as this owner's own commits go (a commit whose end is unknown does not move
     * it), so a rewind to it may read again what is decided, never skip what is not. -1 when nothing was read.
     */
    private long replayFrom = -1;
    /** Written under {@link #unfinished}'s lock, so a publication is either held (and dropped by forget) or refused. */
    private volatile boolean forgotten;

    PartitionOffsets(TopicPartition partition) {
        this.partition = partition;
    }

    public TopicPartition partition() {
        return partition;
    }

    /** Poll thread: the record at {@code offset} is read and is unfinished until {@link #finished}. */
    void read(long offset) {
        synchronized (unfinished) {
            unfinished.add(offset);
        }
        nextAfterRead = Math.max(nextAfterRead, offset + 1);
        if (replayFrom < 0 || offset < replayFrom) {
            replayFrom = offset; // the lowest read, should the position ever move back without a forget
        }
    }

    /** Poll thread: a transaction committing {@code position} for this partition is known to have committed. */
    void committedUpTo(long position) {
        replayFrom = Math.max(replayFrom, position);
    }

    /** Poll thread: see {@link #replayFrom}; -1 when nothing was read. */
    long replayFrom() {
        return replayFrom;
    }

    /**
     * Any thread: the record at {@code offset} is done (its outcome is out). A second call for the same offset
     * changes nothing.
     *
     * @return false when nothing was counted: the partition was forgotten meanwhile (the new owner reads it again),
     *         or the record was finished already or never read
     */
    public boolean finished(long offset) {
        return finished(offset, Publication.NONE);
    }

    /**
     * Any thread: the record at {@code offset} is done, and {@code publication} goes out in the transaction that
     * commits past it. Only the first publication of an offset counts.
     *
     * @return true when the record is counted finished now and the publication held; false when nothing is held:
     *         the partition was forgotten meanwhile, or the record was finished already (a second publication) or
     *         never read. The caller then undoes what the publication would have ({@link Publication#dropped} is
     *         not run here) and must not act on the record as newly finished: a publication that is neither held
     *         nor dropped would leak its claim, and a second "finished" would release the order's next event twice
     */
    public boolean finished(long offset, Publication publication) {
        synchronized (unfinished) {
            if (forgotten || !unfinished.remove(offset)) {
                return false;
            }
            if (!publication.isNone()) {
                held.put(offset, publication);
            }
        }
        return true;
    }

    /** False once the partition was revoked or lost. */
    public boolean held() {
        return !forgotten;
    }

    /** Records read and not finished. */
    public int unfinished() {
        synchronized (unfinished) {
            return unfinished.size();
        }
    }

    /**
     * Poll thread: the lowest unfinished offset, or one past the highest read: every record before it is finished.
     * -1 when nothing was read. Workers only ever remove offsets meanwhile, which can only raise it.
     */
    public long position() {
        synchronized (unfinished) {
            return unfinished.isEmpty() ? nextAfterRead : unfinished.first();
        }
    }

    /** Records finished whose publications wait for a transaction. */
    int waiting() {
        synchronized (unfinished) {
            return held.size();
        }
    }

    /**
     * Poll thread: the finished prefix for a transaction, taken out (and its position marked committed): the
     * position and the publications of every record below it. Null when the position did not move past the last
     * commit and nothing is held below it.
     */
    Prefix take() {
        synchronized (unfinished) {
            long next = unfinished.isEmpty() ? nextAfterRead : unfinished.first();
            SortedMap<Long, Publication> below = held.headMap(next);
            if (next < 0 || (next <= committed && below.isEmpty())) {
                return null;
            }
            TreeMap<Long, Publication> taken = new TreeMap<>(below);
            below.clear();
            committed = next;
            return new Prefix(partition, next, taken);
        }
    }

    /**
     * Poll thread: the transaction of {@code prefix} did not commit but may be repeated: its publications are held
     * again and its position offered again even if nothing moved.
     *
     * @return false when the partition was forgotten meanwhile (the caller drops the publications)
     */
    boolean giveBack(Prefix prefix) {
        synchronized (unfinished) {
            if (forgotten) {
                return false;
            }
            held.putAll(prefix.publications());
            committed = -1;
            return true;
        }
    }

    /** Poll thread, through {@link Offsets#forget}: the publications held, never to be published by this owner. */
    List<Publication> forget() {
        synchronized (unfinished) {
            forgotten = true;
            List<Publication> dropped = new ArrayList<>(held.values());
            held.clear();
            return dropped;
        }
    }

    @Override
    public String toString() {
        return partition + " (" + unfinished() + " unfinished" + (forgotten ? ", forgotten)" : ")");
    }
}
