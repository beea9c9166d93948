package com.mallsync.ops.dlt;

import java.time.Instant;

import com.mallsync.model.event.OrderEvent;

/**
 * A record on a DLT, as the page lists it.
 *
 * @param id        {@code topic/partition/offset}: what the replay selects by
 * @param key       the order key
 * @param event     which event of the order it carries ({@code ce_type}; PAID for a record before the lifecycle)
 * @param line      the refunded line for a REFUNDED event, else {@code null}
 * @param timestamp when it was dead-lettered
 * @param exception the error spring-kafka recorded ({@code kafka_dlt-exception-message}), if any
 * @param replayOf  the DLT record whose replay ended here again ({@code ops-replayed-from}), if any: "replay all"
 *                  leaves such a record alone; name it to replay it
 */
public record DltRecord(String id, String topic, int partition, long offset, String key, OrderEvent event, Long line,
                        Instant timestamp, String exception, String replayOf) {

    static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
