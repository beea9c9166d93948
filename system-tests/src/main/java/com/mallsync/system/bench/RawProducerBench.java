package com.mallsync.system.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka producer's saturation rate for records of a given size, on a scratch topic of the broker under
 * test (what kafka-producer-perf-test does, in process): acks=all, idempotent, the client's default batching, as
 * many records in flight as the client buffers.
 *
 * @param recordsPerSecond acknowledged records per second
 * @param megabytesPerSecond acknowledged value megabytes (10^6) per second
 */
public record RawProducerBench(int recordBytes, int partitions, long records, double recordsPerSecond,
                               double megabytesPerSecond) {

    public static RawProducerBench run(String bootstrapServers, byte[] value, int partitions, Duration duration) {
        String topic = "bench.raw-producer." + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            try {
                return produce(bootstrapServers, topic, value, partitions, duration);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("raw producer benchmark failed", e);
        }
    }

    private static RawProducerBench produce(String bootstrapServers, String topic, byte[] value, int partitions,
                                            Duration duration) throws InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(50_000);
        long ackedAtEnd;
        long elapsed;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            // warm-up: metadata, connections, JIT
            for (int i = 0; i < 2_000; i++) {
                producer.send(new ProducerRecord<>(topic, "222:warm" + i, value));
            }
            producer.flush();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long i = 0;
            while (System.nanoTime() < end && failure.get() == null) {
                inFlight.acquire();
                producer.send(new ProducerRecord<>(topic, "222:" + i++, value), (metadata, e) -> {
                    inFlight.release();
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
            elapsed = System.nanoTime() - start;
            ackedAtEnd = acked.get();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("send failed", failure.get());
        }
        double seconds = elapsed / 1e9;
        return new RawProducerBench(value.length, partitions, ackedAtEnd, ackedAtEnd / seconds,
                ackedAtEnd * (double) value.length / 1e6 / seconds);
    }
}
