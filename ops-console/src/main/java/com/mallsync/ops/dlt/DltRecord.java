package com.mallsync.ops.dlt;

import java.time.Instant;

/**
 * A record on a DLT, as the page lists it.
 *
 * @param id        {@code topic/partition/offset}: what the replay selects by
 * @param key       the order key
 * @param timestamp when it was dead-lettered
 * @param exception the error spring-kafka recorded ({@code kafka_dlt-exception-message}), if any
 */
public record DltRecord(String id, String topic, int partition, long offset, String key, Instant timestamp,
                        String exception) {

    static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
