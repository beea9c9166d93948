package com.mallsync.erpsync.consumer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.RecordHeaders;
import com.mallsync.runtime.PartitionOffsets;
import com.mallsync.runtime.Publication;

/**
 * One fetched record on its way through the scheduler, with its partition's offsets to finish it in;
 * {@code cancelled} when its partition went away.
 */
final class Work {

    final ConsumerRecord<String, String> record;
    final TopicPartition partition;
    final PartitionOffsets offsets;
    final String key;
    private volatile boolean cancelled;
    private final AtomicBoolean finished = new AtomicBoolean();

    Work(ConsumerRecord<String, String> record, PartitionOffsets offsets) {
        this.record = record;
        this.offsets = offsets;
        this.partition = offsets.partition();
        // A record without key still gets an ordering slot of its own partition.
        this.key = record.key() != null ? record.key() : "\u0000" + partition;
    }

    /** A DLT replay by the ops console: decided again even after a REJECTED or FAILED outcome. */
    boolean replayed() {
        return record.headers().lastHeader(RecordHeaders.REPLAYED_FROM) != null;
    }

    /** The in-doubt decision a replay carries: RESEND only when the header says exactly that. */
    ErpSyncProperties.InDoubtPolicy replayInDoubt() {
        Header h = record.headers().lastHeader(RecordHeaders.REPLAY_IN_DOUBT);
        return h != null && RecordHeaders.IN_DOUBT_RESEND.equals(new String(h.value(), StandardCharsets.UTF_8))
                ? ErpSyncProperties.InDoubtPolicy.RESEND : ErpSyncProperties.InDoubtPolicy.HOLD;
    }

    /**
     * The record is done: {@code publication} goes out with its offset in a later transaction. Only the first call
     * counts. When the partition went away meanwhile nothing is held and the publication is undone here (its claim
     * released): the new owner decides the record again.
     */
    void finish(Publication publication) {
        if (finished.compareAndSet(false, true) && !offsets.finished(record.offset(), publication)) {
            publication.dropped().run();
        }
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Sleeps up to {@code millis}, waking early when cancelled. Returns false when cancelled. */
    boolean pause(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (!cancelled) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return true;
                }
                Thread.sleep(Math.min(left, 100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
        return false;
    }

    @Override
    public String toString() {
        return key + "@" + partition + "/" + record.offset();
    }
}
