package com.mallsync.system.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes {@link StateRecords}' records straight to the broker, as fast as one producer goes: batched (512 KiB,
 * 20 ms linger), lz4, {@code acks=1}, no idempotence. Not how the services write (they use {@code acks=all}); what
 * is measured is what the records cost when read back, not writing them.
 */
final class StateFill {

    /** What was written. */
    record Written(long paid, long outcomes, long ledger, long bytes, long millis) {
    }

    private StateFill() {
    }

    static Written fill(String bootstrapServers, StateRecords records, int orders, PrintStream log) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        long paid = 0;
        long outcomes = 0;
        long ledger = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < orders; i++) {
                StateRecords.OrderRecords order = records.order(i);
                paid += send(producer, order.paid(), bytes, failure);
                outcomes += send(producer, order.outcomes(), bytes, failure);
                ledger += send(producer, order.ledger(), bytes, failure);
                if (failure.get() != null) {
                    throw new IllegalStateException("writing the state failed at order " + i, failure.get());
                }
                if ((i + 1) % 50_000 == 0) {
                    log.printf("    %,d orders written (%.0f s)%n", i + 1, (System.nanoTime() - start) / 1e9);
                    log.flush();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing the state failed", failure.get());
        }
        return new Written(paid, outcomes, ledger, bytes.get(), (System.nanoTime() - start) / 1_000_000);
    }

    private static int send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records,
                            AtomicLong bytes, AtomicReference<Exception> failure) {
        for (ProducerRecord<String, byte[]> record : records) {
            bytes.addAndGet(record.value().length);
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        return records.size();
    }
}
