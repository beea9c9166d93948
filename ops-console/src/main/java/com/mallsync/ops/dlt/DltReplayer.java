package com.mallsync.ops.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.ops.Pipeline;

/**
 * DLT replay: re-publishes chosen DLT records, or all of them, to {@code orders.paid.v1} with their key, value and
 * CloudEvents headers (spring-kafka's {@code kafka_dlt-*} error headers stay behind), plus
 * {@code ops-replayed-from: topic/partition/offset}. The DLT is left as it is, so a replay can be repeated: the
 * services deduplicate on the order's event id, so a second replay creates nothing twice downstream.
 *
 * <p>Both consumers read {@code orders.paid.v1}, so a record replayed for one target reaches the other too, which
 * answers DUPLICATE (or nothing new) for an order it already has.
 */
@Component
public class DltReplayer {

    /** The header a replayed record carries (defined once in common-model: the consumers read it). */
    public static final String REPLAYED_FROM = RecordHeaders.REPLAYED_FROM;

    private final KafkaProperties kafka;

    DltReplayer(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /**
     * @param dlts the DLTs to replay from (empty: both)
     * @param ids  {@code topic/partition/offset} ids or order keys to replay (empty: every record)
     * @return what was replayed
     */
    public ReplayResult replay(Collection<String> dlts, Set<String> ids) {
        List<String> topics = dlts.isEmpty() ? allDlts() : List.copyOf(dlts);
        topics.forEach(DltReplayer::requireDlt);
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        List<String> replayed = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String topic : topics) {
                perTopic.put(topic, 0);
                read(topic, record -> {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    String id = DltRecord.id(record.topic(), record.partition(), record.offset());
                    if (!ids.isEmpty() && !ids.contains(id) && (key == null || !ids.contains(key))) {
                        return;
                    }
                    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(Topics.ORDERS_PAID, record.key(),
                            record.value());
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith("kafka_dlt")) {
                            out.headers().add(header);
                        }
                    }
                    out.headers().add(REPLAYED_FROM, id.getBytes(StandardCharsets.UTF_8));
                    producer.send(out);
                    perTopic.merge(topic, 1, Integer::sum);
                    replayed.add(id);
                });
            }
            producer.flush();
        }
        return new ReplayResult(replayed.size(), perTopic, replayed, Instant.now());
    }

    /** The records of one DLT, newest last, at most {@code limit} of the latest. */
    public List<DltRecord> list(String topic, int limit) {
        requireDlt(topic);
        List<DltRecord> records = new ArrayList<>();
        read(topic, r -> {
            Header exception = r.headers().lastHeader("kafka_dlt-exception-message");
            records.add(new DltRecord(DltRecord.id(r.topic(), r.partition(), r.offset()), r.topic(), r.partition(),
                    r.offset(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                    Instant.ofEpochMilli(r.timestamp()),
                    exception == null ? null : new String(exception.value(), StandardCharsets.UTF_8)));
        });
        records.sort(java.util.Comparator.comparing(DltRecord::timestamp));
        return records.size() <= limit ? records : records.subList(records.size() - limit, records.size());
    }

    /** Reads a topic from its start to its end as of now (records arriving meanwhile wait for the next call). */
    private void read(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>(end);
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofSeconds(10)) >= e.getValue());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(tp)) {
                        each.accept(record);
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            if (!remaining.isEmpty()) {
                throw new IllegalStateException("could not read " + topic + " to its end in 60 s: " + remaining.keySet());
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-dlt-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    static List<String> allDlts() {
        return java.util.Arrays.stream(Pipeline.values()).map(Pipeline::dlt).toList();
    }

    private static void requireDlt(String topic) {
        if (!allDlts().contains(topic)) {
            throw new IllegalArgumentException("not a DLT: " + topic + " (one of " + allDlts() + ")");
        }
    }

}
