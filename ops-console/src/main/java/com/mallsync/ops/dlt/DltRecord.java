package com.mallsync.ops.dlt;

import java.time.Instant;

/**
 * A record on a DLT, as the page lists it.
 *
 * @param id        {@code topic/partition/offset}: what the replay selects by
 * @param key       the order key
 * @param timestamp when it was dead-lettered
 * @param exception the error spring-kafka recorded ({@code kafka_dlt-exception-message}), if any
 * @param replayOf  the DLT record whose replay ended here again ({@code ops-replayed-from}), if any: "replay all"
 *                  leaves such a record alone; name it to replay it
 */
public record DltRecord(String id, String topic, int partition, long offset, String key, Instant timestamp,
                        String exception, String replayOf) {

    static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
