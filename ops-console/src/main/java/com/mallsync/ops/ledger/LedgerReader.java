package com.mallsync.ops.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.ops.OpsProperties;
import com.mallsync.ops.story.OrderStories;
import com.mallsync.ops.story.StoryStep;
import com.mallsync.outcomes.MeteredKafkaConsumer;
import com.mallsync.runtime.TopicTail;

/**
 * Reads {@code orders.paid.v1} and {@code orders.outcomes.v1} into the {@link OrderLedger}, from the first record of
 * its window ({@code ops.window}; each minute it forgets the orders grown older than that), with
 * a {@link TopicTail} of its own: no consumer group, no commits, so the console is invisible to the lag it reports
 * and never slows the services. A broker outage only pauses it; it reconnects by itself (an error while polling is
 * retried each second rather than ending the reader). An unreadable outcome is skipped with a WARN line naming
 * topic-partition@offset and counted in {@code mallsync.records.skipped{topic=orders.outcomes.v1}}, as the
 * services' tails do. The consumer's {@code kafka_consumer_*} meters ({@link MeteredKafkaConsumer}) go with it.
 */
@Component
@Profile("!replay-dlt")
class LedgerReader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReader.class);

    private final OrderLedger ledger;
    private final OrderStories stories;
    private final Counter skipped;
    private final TopicTail tail;
    private volatile boolean running;

    LedgerReader(OrderLedger ledger, OrderStories stories, KafkaProperties kafka, OpsProperties properties,
                 MeterRegistry meters) {
        this.ledger = ledger;
        this.stories = stories;
        this.skipped = Counter.builder("mallsync.records.skipped").tag("topic", Topics.ORDERS_OUTCOMES)
                .description("unreadable records skipped by a topic tail").register(meters);
        this.tail = new TopicTail("ledger-reader", List.of(Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES),
                () -> MeteredKafkaConsumer.strings(readerConfig(kafka.buildConsumerProperties(),
                        properties.readerFetch()), meters, new PaidValueDeserializer()),
                this::take, ledger.window(), this::evictExpired);
    }

    /** A tail's reader config with the console's fetch limits (only this reader's: the services' tails keep theirs). */
    static Map<String, Object> readerConfig(Map<String, Object> client, OpsProperties.ReaderFetch fetch) {
        Map<String, Object> config = TopicTail.readerConfig(client, "ops-console-ledger-" + UUID.randomUUID());
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetch.maxBytes());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, fetch.maxPartitionBytes());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, fetch.maxPollRecords());
        return config;
    }

    /** Each minute on the reader thread: forget what has grown older than the ledger's window. */
    private void evictExpired() {
        int orders = ledger.evictExpired();
        int held = stories.evict(ledger.window());
        if (orders > 0 || held > 0) {
            LOG.debug("forgot {} order(s) and {} order stories older than {}", orders, held, ledger.window());
        }
    }

    @Override
    public void start() {
        running = true;
        long started = System.nanoTime();
        tail.start();
        // one line when the window is read, as the services log theirs: how long a start takes to show everything
        tail.catchUp().thenRun(() -> LOG.info("ledger caught up in {} ms: {} orders, {} events ({} paid and {} "
                        + "outcome records read)", (System.nanoTime() - started) / 1_000_000, ledger.orderCount(),
                ledger.eventCount(), ledger.paidRecords(), ledger.outcomeRecords()));
    }

    private void take(ConsumerRecord<String, String> record) {
        if (Topics.ORDERS_PAID.equals(record.topic())) {
            if (record.key() != null) {
                EventRef ref = EventRef.ofRecord(header(record, CloudEvents.TYPE), record.value());
                UUID eventId = uuid(header(record, CloudEvents.ID));
                ledger.published(record.key(), ref, eventId, receivedAt(record), record.timestamp());
                stories.add(record.key(), new StoryStep.Published(Instant.ofEpochMilli(record.timestamp()),
                        record.partition(), record.offset(), eventId, ref.event(), ref.line(),
                        header(record, RecordHeaders.REPLAYED_FROM)));
            }
            return;
        }
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("no value");
            }
            SyncOutcome outcome = Json.read(record.value(), SyncOutcome.class);
            if (outcome == null || outcome.target() == null || outcome.status() == null || outcome.at() == null) {
                throw new IllegalArgumentException("no target, status or time");
            }
            ledger.outcome(outcome, record.timestamp());
            stories.add(outcome.key(), new StoryStep.Decided(outcome.at(), outcome.target(), outcome.status(),
                    outcome.attempts(), outcome.reason(), outcome.externalRef(), outcome.event(), outcome.line(),
                    record.partition(), record.offset()));
        } catch (RuntimeException e) {
            skipped.increment();
            LOG.warn("skipped an unreadable outcome at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    /**
     * When ingest accepted the order: its {@code ce_time} (OrderPaid's {@code occurredAt}, copied by a replay), or
     * the record's timestamp when the header is missing or unreadable.
     */
    static Instant receivedAt(ConsumerRecord<String, String> record) {
        String time = header(record, CloudEvents.TIME);
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        running = false;
        tail.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
