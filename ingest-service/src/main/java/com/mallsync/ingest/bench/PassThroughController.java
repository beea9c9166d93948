package com.mallsync.ingest.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mallsync.ingest.IngestProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The system benchmark's floor of HTTP→Kafka cost (issue 16): on the same server (Tomcat, Spring MVC, this
 * process's settings) and the same producer as the webhook ({@code orderKafkaTemplate}: acks=all, idempotent,
 * lz4, the same linger and timeouts), a body becomes one record on {@code ingest.bench.pass-through-topic} with no
 * check of any kind, and the reply waits for the broker's acknowledgement as the webhook's does. Ingest's
 * accepted/s as a share of this one's is what its checks, mapping and dedupe cost.
 *
 * <p>Off unless the topic is set (nothing in production sets it); it can never write to a topic of the contract
 * ({@link IngestProperties.Bench}), so it is no second way onto {@code orders.paid.v1}.
 */
@RestController
@ConditionalOnProperty(name = "ingest.bench.pass-through-topic")
class PassThroughController {

    static final String PATH = "/bench/pass-through";

    private final KafkaTemplate<String, byte[]> template;
    private final String topic;
    private final long waitMs;

    PassThroughController(KafkaTemplate<String, byte[]> orderKafkaTemplate, IngestProperties properties) {
        this.template = orderKafkaTemplate;
        this.topic = properties.bench().passThroughTopic();
        this.waitMs = properties.publish().timeout().toMillis();
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> pass(@RequestBody byte[] body) throws InterruptedException {
        try {
            template.send(new ProducerRecord<>(topic, body)).get(waitMs, TimeUnit.MILLISECONDS);
            return ResponseEntity.ok("{\"code\":0}");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return ResponseEntity.status(503).body("{\"code\":503}");
        }
    }
}
