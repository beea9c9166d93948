package com.mallsync.erpsync.consumer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.runtime.OutcomeRecords;

/**
 * Writes outcomes ({@code orders.outcomes.v1}) and dead letters ({@code orders.paid.v1.erp-sync.dlt}), built by
 * {@link OutcomeRecords} as member-sync builds its own, each acknowledged by the broker before the source record
 * counts as finished. The sending is erp-sync's: the worker that called the ERP waits for the acknowledgement and
 * repeats until it comes or the work is cancelled (member-sync instead publishes whole batches from a thread of its
 * publisher).
 */
class OutcomeWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> template;
    private final OutcomeRecords records;

    OutcomeWriter(KafkaTemplate<String, String> template, ErpSyncProperties.TopicNames topics, String consumerGroup) {
        this.template = template;
        this.records = new OutcomeRecords("erp-sync-service", consumerGroup, "com.mallsync.erpsync", topics.outcomes(),
                topics.deadLetter());
    }

    /** Publishes the outcome; keeps trying while Kafka refuses. False only when the work was cancelled first. */
    boolean outcome(SyncOutcome outcome, Work work) {
        return sendUntilAcked(records.outcome(outcome), work);
    }

    /** The source record, as it was, plus why it is here ({@code code}: the ERP's reply Code, when it refused). */
    boolean deadLetter(Work work, SyncStatus status, Optional<String> code, String reason) {
        return sendUntilAcked(records.deadLetter(work.record, status, reason, code), work);
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
}
