package com.mallsync.membersync.batch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each assigned partition are read and not yet finished, and so which offsets may be committed.
 * Senders report finished orders from any thread ({@link #finished}); everything else runs on the poll-loop thread.
 */
final class OffsetBook {

    private final Map<TopicPartition, OffsetTracker> trackers = new HashMap<>();
    private final LinkedBlockingQueue<PendingOrder> finished = new LinkedBlockingQueue<>();
    private final Consumer<PendingOrder> then;

    OffsetBook() {
        this(o -> { });
    }

    /** @param then told of each finished record of a partition still held, on the poll-loop thread, in {@link #drain} */
    OffsetBook(Consumer<PendingOrder> then) {
        this.then = then;
    }

    OffsetTracker read(ConsumerRecord<?, ?> record) {
        OffsetTracker tracker = trackers.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                OffsetTracker::new);
        tracker.read(record.offset());
        return tracker;
    }

    /** Any thread: the order's outcome is published. */
    void finished(PendingOrder order) {
        finished.add(order);
    }

    /** Applies what senders finished, waiting up to {@code waitMillis} for the first. */
    void drain(long waitMillis) throws InterruptedException {
        PendingOrder first = waitMillis > 0 ? finished.poll(waitMillis, TimeUnit.MILLISECONDS) : finished.poll();
        for (PendingOrder o = first; o != null; o = finished.poll()) {
            if (trackers.get(o.tracker.partition) == o.tracker) { // not from a partition revoked since
                o.tracker.finished(o.record.offset());
                then.accept(o);
            }
        }
    }

    int unfinished() {
        return trackers.values().stream().mapToInt(OffsetTracker::unfinishedCount).sum();
    }

    int unfinished(TopicPartition partition) {
        OffsetTracker tracker = trackers.get(partition);
        return tracker == null ? 0 : tracker.unfinishedCount();
    }

    /** Offsets that moved since the last commit, marked as committed (see {@link #commitFailed}). */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        trackers.forEach((tp, tracker) -> {
            long next = tracker.committable();
            if (next >= 0) {
                offsets.put(tp, new OffsetAndMetadata(next));
                tracker.committed(next);
            }
        });
        return offsets;
    }

    /** An asynchronous commit failed: commit those partitions again next time. */
    void commitFailed(Collection<TopicPartition> partitions) {
        partitions.stream().map(trackers::get).filter(t -> t != null).forEach(OffsetTracker::commitFailed);
    }

    /**
     * Every partition's position, whether or not it was committed already: for the synchronous commits of a
     * revoke or a stop, which must not rely on an asynchronous commit that a rebalance may have failed.
     */
    Map<TopicPartition, OffsetAndMetadata> positions() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        trackers.forEach((tp, t) -> {
            if (t.position() >= 0) {
                offsets.put(tp, new OffsetAndMetadata(t.position()));
            }
        });
        return offsets;
    }

    /** Forgets the partitions; returns their positions, to be committed synchronously. */
    Map<TopicPartition, OffsetAndMetadata> remove(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetTracker t = trackers.remove(tp);
            if (t != null && t.position() >= 0) {
                offsets.put(tp, new OffsetAndMetadata(t.position()));
            }
        }
        return offsets;
    }
}
