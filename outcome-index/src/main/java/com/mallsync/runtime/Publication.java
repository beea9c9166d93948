package com.mallsync.runtime;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What a finished record leaves for its partition's next transaction ({@link OutcomeSink}): the records to publish
 * with its offset (an outcome, a dead letter, or none: a skipped redelivery), what to do once they are committed
 * (count them), and what to undo when they never will be (release the outcome index's claim: the record is read
 * again, by this instance or the partition's new owner).
 *
 * <p>{@code committed} and {@code dropped} run on the poll-loop thread; exactly one of them runs, once, unless the
 * process stops first.
 */
public record Publication(List<ProducerRecord<String, String>> records, Runnable committed, Runnable dropped) {

    private static final Runnable NOTHING = () -> { };

    /** A record finished with nothing to publish. */
    public static final Publication NONE = new Publication(List.of(), NOTHING, NOTHING);

    public Publication {
        records = List.copyOf(records);
        committed = committed == null ? NOTHING : committed;
        dropped = dropped == null ? NOTHING : dropped;
    }

    public static Publication of(List<ProducerRecord<String, String>> records, Runnable committed, Runnable dropped) {
        return new Publication(records, committed, dropped);
    }

    boolean isNone() {
        return this == NONE;
    }
}
