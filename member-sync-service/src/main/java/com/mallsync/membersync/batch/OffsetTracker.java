package com.mallsync.membersync.batch;

import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of one partition read and not yet finished: the committable offset is the lowest unfinished one (or one
 * past the highest read). Used by the poll-loop thread only.
 */
final class OffsetTracker {

    final TopicPartition partition;
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long nextAfterRead = -1;
    private long committed = -1;

    OffsetTracker(TopicPartition partition) {
        this.partition = partition;
    }

    void read(long offset) {
        unfinished.add(offset);
        nextAfterRead = Math.max(nextAfterRead, offset + 1);
    }

    void finished(long offset) {
        unfinished.remove(offset);
    }

    int unfinishedCount() {
        return unfinished.size();
    }

    /** The offset to commit, or -1 when nothing new may be committed. */
    long committable() {
        long next = position();
        return next > committed ? next : -1;
    }

    /** Lowest unfinished offset, or one past the highest read: everything before it is finished. */
    long position() {
        return unfinished.isEmpty() ? nextAfterRead : unfinished.first();
    }

    void commitFailed() {
        committed = -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}
