package com.mallsync.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * The outcome of a record on {@code orders.paid.v1} that is not a readable OrderPaid (not JSON, the wrong shape, a
 * null value): it is REJECTED and dead-lettered like any order that can never be delivered.
 *
 * <p>Its outcome names the order from the record key ({@code "{mallId}:{orderNo}"}), so ops find it under that
 * order; its {@code eventId} is derived from the record's own position ({@code topic-partition@offset}), not from
 * the order: an unreadable record must not answer for the order's real events (a later readable PAID of the same
 * order is still decided), and the same record delivered again gets the same id, so it is skipped like any
 * redelivery. A key that names no order gets no outcome: the dead letter (and the log line) is all there is.
 */
public final class UnreadableSource {

    private UnreadableSource() {
    }

    /** The id of the outcome of the unreadable record at this position. */
    public static UUID eventId(String topic, int partition, long offset) {
        return UUID.nameUUIDFromBytes(("unreadable:" + topic + "-" + partition + "@" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The REJECTED outcome to publish for it, when its key names an order. */
    public static Optional<SyncOutcome> rejected(ConsumerRecord<String, ?> record, SyncTarget target, String reason,
                                                 Instant at) {
        String key = record.key();
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        long mallId;
        try {
            mallId = Long.parseLong(key.substring(0, colon));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new SyncOutcome(eventId(record.topic(), record.partition(), record.offset()), mallId,
                key.substring(colon + 1), target, SyncStatus.REJECTED, null, 0, Reasons.cut(reason), at));
    }
}
