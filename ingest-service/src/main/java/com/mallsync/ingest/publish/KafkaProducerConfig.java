package com.mallsync.ingest.publish;

import java.util.HashMap;
import java.util.Map;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.model.RecordHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The one place the producer is set up. {@code spring.kafka.producer.*} applies, except the settings the webhook's
 * promise rests on, which are forced here:
 * <ul>
 *   <li>{@code acks=all} and idempotence: a 200 means the record is on every in-sync replica, and the producer's own
 *       retries never write it twice;</li>
 *   <li>{@code max.block.ms} and {@code delivery.timeout.ms} both equal {@code ingest.publish.timeout}: a send
 *       blocked on metadata, or waiting for an acknowledgement, ends by then, so a request thread is never held
 *       longer and the mall gets 503 (and retries) instead of a hanging connection.</li>
 * </ul>
 * Serialisers are plain String/byte[]: values are written with {@code com.mallsync.model.Json}.
 */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfig {

    /** The producer's own default {@code max.request.size}, which the consumers' sinks keep. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    @Bean
    ProducerFactory<String, byte[]> orderProducerFactory(KafkaProperties kafka, IngestProperties properties,
                                                         MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        IngestProperties.Publish publish = properties.publish();
        long timeoutMs = Math.max(100, publish.timeout().toMillis());
        int lingerMs = Math.max(0, Math.min(publish.lingerMs(), (int) (timeoutMs / 2)));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // the client insists on delivery.timeout.ms >= linger.ms + request.timeout.ms
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeoutMs - lingerMs));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        // below the client's default 1 MiB by the dead letters' headroom: a DLT copy of any order accepted here fits
        // (an order larger is refused with 413, "too large to be stored"); a deployment that raises the topics'
        // limits sets spring.kafka.producer.properties.max.request.size itself
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                DEFAULT_MAX_REQUEST_SIZE - RecordHeaders.DLT_HEADROOM_BYTES);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        // kafka_producer_* meters (KafkaClientMetrics), bound when the producer is made, closed with it
        factory.addListener(new MicrometerProducerListener<>(meters));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> orderKafkaTemplate(ProducerFactory<String, byte[]> orderProducerFactory) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(orderProducerFactory);
        // the webhook logs each failed send once, as a decision (503 or 413); the default listener would add an
        // ERROR line per failure on top
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }
}
