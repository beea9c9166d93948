package com.mallsync.outcomes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@link KafkaConsumer} whose client metrics are bound to Micrometer ({@link KafkaClientMetrics}:
 * {@code kafka_consumer_*} on {@code /actuator/prometheus}, tagged {@code client.id}) for as long as it is open, for
 * the consumers the services build by hand (poll loops, the outcome index, the ledger reader).
 *
 * <p>Why a subclass: the binder must be closed with the client, and the poll loops close their consumer themselves,
 * with {@code close(Duration)}. spring-kafka's {@code MicrometerConsumerListener} on a consumer factory is told of
 * {@code close()} and {@code close(CloseOptions)} only, so a loop's {@code close(Duration)} would leave the
 * closed client's meters registered. Every {@code close} here closes the binder too.
 */
public class MeteredKafkaConsumer<K, V> extends KafkaConsumer<K, V> {

    private final KafkaClientMetrics metrics;

    private MeteredKafkaConsumer(Map<String, Object> config, MeterRegistry meters, Iterable<Tag> tags,
                                 Deserializer<K> keys, Deserializer<V> values) {
        super(config, keys, values);
        this.metrics = new KafkaClientMetrics(this, tags);
        this.metrics.bindTo(meters);
    }

    /** A String/String consumer with its metrics on {@code meters}. */
    public static MeteredKafkaConsumer<String, String> strings(Map<String, Object> config, MeterRegistry meters) {
        return new MeteredKafkaConsumer<>(config, meters, List.of(), new StringDeserializer(),
                new StringDeserializer());
    }

    /** A String/String consumer whose values {@code values} reads (a reader that needs only part of them). */
    public static MeteredKafkaConsumer<String, String> strings(Map<String, Object> config, MeterRegistry meters,
                                                               Deserializer<String> values) {
        return new MeteredKafkaConsumer<>(config, meters, List.of(), new StringDeserializer(), values);
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            metrics.close();
        }
    }

    @Override
    @SuppressWarnings("deprecation")
    public void close(Duration timeout) {
        try {
            super.close(timeout);
        } finally {
            metrics.close();
        }
    }

    @Override
    public void close(CloseOptions option) {
        try {
            super.close(option);
        } finally {
            metrics.close();
        }
    }
}
