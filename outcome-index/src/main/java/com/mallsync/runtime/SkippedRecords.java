package com.mallsync.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of internal topics (the erp-sync ledger, {@code orders.outcomes.v1}) that a tail could not read: each is
 * skipped with one WARN line naming its topic-partition and offset, and counted per topic, so one bad value cannot
 * end a tail (and with it every partition waiting for that tail). Services publish {@link #count} as the counter
 * {@code mallsync.records.skipped{topic}}. Thread-safe.
 */
public final class SkippedRecords {

    /** The meter name each service registers ({@code mallsync_records_skipped_total} in Prometheus). */
    public static final String METER = "mallsync.records.skipped";

    private static final Logger LOG = LoggerFactory.getLogger(SkippedRecords.class);

    private final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();

    /** Logs and counts one record {@code reader} could not read; the caller goes on with the next record. */
    public void skip(ConsumerRecord<?, ?> record, String reader, Throwable why) {
        byTopic.computeIfAbsent(record.topic(), t -> new LongAdder()).increment();
        LOG.warn("{} skipped an unreadable record at {}-{}@{} (key {}): {}", reader, record.topic(),
                record.partition(), record.offset(), record.key(), why == null ? "no value" : why.toString());
    }

    /** Records skipped so far on {@code topic}. */
    public long count(String topic) {
        LongAdder n = byTopic.get(topic);
        return n == null ? 0 : n.sum();
    }
}
