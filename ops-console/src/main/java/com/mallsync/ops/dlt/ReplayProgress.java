package com.mallsync.ops.dlt;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * How far "replay all" got on each DLT partition: the offsets of the consumer group {@value #GROUP}, committed by the
 * replay itself (no member ever subscribes; the group is only a place Kafka keeps offsets, visible with
 * {@code kafka-consumer-groups.sh --describe --group ops-console-dlt-replay}, and reset the same way). A record
 * below its partition's committed offset was replayed, or skipped for good, by an earlier "replay all".
 */
final class ReplayProgress {

    static final String GROUP = "ops-console-dlt-replay";
    private static final Duration CALL = Duration.ofSeconds(10);

    private final KafkaProperties kafka;

    ReplayProgress(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** Partition → first offset not yet handled (0 for a partition never replayed). */
    Map<TopicPartition, Long> read(Collection<TopicPartition> partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> out = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), CALL);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = committed.get(tp);
                out.put(tp, o == null ? 0L : o.offset());
            }
            return out;
        }
    }

    void commit(Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset, "ops-console replay")));
            consumer.commitSync(offsets, CALL);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-replay-progress-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }
}
