package com.mallsync.ops.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.micrometer.core.instrument.Counter;
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
import com.mallsync.ops.story.OrderStories;
import com.mallsync.ops.story.StoryStep;

/**
 * Reads {@code orders.paid.v1} and {@code orders.outcomes.v1} from the beginning into the {@link OrderLedger}, on
 * its own thread, with an assigned consumer: no consumer group, no commits, so the console is invisible to the
 * lag it reports and never slows the services. A broker outage only pauses it; it reconnects by itself. An
 * unreadable outcome is skipped with a WARN line naming topic-partition@offset and counted in
 * {@code mallsync.records.skipped{topic=orders.outcomes.v1}}, as the services' tails do; an error while polling is
 * retried each second rather than ending the reader.
 */
@Component
@Profile("!replay-dlt")
class LedgerReader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerReader.class);

    private final OrderLedger ledger;
    private final OrderStories stories;
    private final KafkaProperties kafka;
    private final Counter skipped;
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    LedgerReader(OrderLedger ledger, OrderStories stories, KafkaProperties kafka, MeterRegistry meters) {
        this.ledger = ledger;
        this.stories = stories;
        this.kafka = kafka;
        this.skipped = Counter.builder("mallsync.records.skipped").tag("topic", Topics.ORDERS_OUTCOMES)
                .description("unreadable records skipped by a topic tail").register(meters);
        this.meters = meters;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "ledger-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-ledger-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // the client's kafka_consumer_* meters, closed with it (try-with-resources closes the binder first)
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config);
             KafkaClientMetrics metrics = new KafkaClientMetrics(c)) {
            metrics.bindTo(meters);
            consumer = c;
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        take(record);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("ledger reader could not read ({}); trying again", e.toString());
                    Thread.sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("ledger reader stopped", e);
        }
    }

    /** Waits (through broker outages) until both topics exist. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> c) {
        while (running) {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : List.of(Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES)) {
                    List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos == null || infos.isEmpty()) {
                        throw new KafkaException("no topic " + topic + " yet");
                    }
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                return partitions;
            } catch (KafkaException e) {
                LOG.info("waiting for the topics: {}", e.getMessage());
            }
        }
        throw new WakeupException();
    }

    private void take(ConsumerRecord<String, String> record) {
        if (Topics.ORDERS_PAID.equals(record.topic())) {
            if (record.key() != null) {
                EventRef ref = EventRef.ofRecord(header(record, CloudEvents.TYPE), record.value());
                UUID eventId = uuid(header(record, CloudEvents.ID));
                ledger.published(record.key(), ref, eventId, receivedAt(record));
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
            ledger.outcome(outcome);
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
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
