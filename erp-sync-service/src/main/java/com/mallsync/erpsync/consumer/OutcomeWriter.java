package com.mallsync.erpsync.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.event.SyncOutcome;

/**
 * Writes outcomes ({@code orders.outcomes.v1}) and dead letters ({@code orders.paid.v1.erp-sync.dlt}), each
 * acknowledged by the broker before the source record counts as finished. Dead letters are keyed like the source
 * and partitioned by key (not by the source's partition number, so the DLT may have any partition count).
 */
class OutcomeWriter {

    static final String DLT_STATUS = "erp-sync-status";
    static final String DLT_REASON = "erp-sync-reason";
    static final String DLT_CODE = "erp-sync-code";
    static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String DLT_ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String DLT_ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> template;
    private final ErpSyncProperties.TopicNames topics;

    OutcomeWriter(KafkaTemplate<String, String> template, ErpSyncProperties.TopicNames topics) {
        this.template = template;
        this.topics = topics;
    }

    /** Publishes the outcome; keeps trying while Kafka refuses. False only when the work was cancelled first. */
    boolean outcome(SyncOutcome outcome, Work work) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topics.outcomes(), outcome.key(),
                Json.writeString(outcome));
        header(record, CloudEvents.ID, UUID.randomUUID().toString());
        header(record, CloudEvents.TYPE, CloudEvents.SYNC_OUTCOME_TYPE);
        header(record, CloudEvents.SOURCE, "erp-sync-service");
        header(record, CloudEvents.TIME, outcome.at().toString());
        header(record, CloudEvents.SPEC_VERSION, CloudEvents.SPEC_VERSION_1_0);
        header(record, CloudEvents.CONTENT_TYPE, "application/json");
        return sendUntilAcked(record, work);
    }

    /** The source record, as it was, plus why it is here. */
    boolean deadLetter(Work work, String status, String code, String reason) {
        ConsumerRecord<String, String> source = work.record;
        ProducerRecord<String, String> record = new ProducerRecord<>(topics.deadLetter(), source.key(), source.value());
        for (Header h : source.headers()) {
            record.headers().add(h);
        }
        header(record, DLT_ORIGINAL_TOPIC, source.topic());
        header(record, DLT_ORIGINAL_PARTITION, Integer.toString(source.partition()));
        header(record, DLT_ORIGINAL_OFFSET, Long.toString(source.offset()));
        header(record, DLT_EXCEPTION_MESSAGE, reason == null ? "" : reason);
        header(record, DLT_STATUS, status);
        header(record, DLT_REASON, reason == null ? "" : reason);
        if (code != null) {
            header(record, DLT_CODE, code);
        }
        return sendUntilAcked(record, work);
    }

    private boolean sendUntilAcked(ProducerRecord<String, String> record, Work work) {
        long backoff = 200;
        // At least one try even when cancelled: a decided order's outcome should not be dropped for a rebalance.
        for (boolean first = true; first || !work.cancelled(); first = false) {
            try {
                template.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                work.cancel();
            } catch (Exception e) {
                LOG.warn("could not write to {} for {} ({}); retrying", record.topic(), work, e.toString());
                work.pause(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        return false;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
