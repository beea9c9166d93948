package com.mallsync.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;

/**
 * The records a consumer service writes once it has decided an order: the outcome (on the outcomes topic) and, for
 * REJECTED and FAILED, the dead letter. member-sync and erp-sync both build them here, so both write the same
 * headers under the names of {@link CloudEvents} and {@link RecordHeaders}. Building only: how a service sends,
 * waits for the acknowledgement and repeats a failed send stays with it, because their threads differ (member-sync
 * publishes a batch's outcomes from one publisher thread, erp-sync blocks the worker that called the ERP).
 *
 * <p>Both records are keyed by the order and carry no partition: the producer partitions by key, so an order's
 * records stay in order and the DLT may have any number of partitions.
 *
 * @param source          {@code ce_source} of the outcomes: the service's name ({@code member-sync-service})
 * @param consumerGroup   the group the service reads the source topic in, recorded on each dead letter
 * @param labelPackage    how the dead letter's {@link RecordHeaders#DLT_EXCEPTION_FQCN} label starts: the service's
 *                        package ({@code com.mallsync.membersync})
 * @param outcomesTopic   where outcomes go ({@code orders.outcomes.v1})
 * @param deadLetterTopic the service's DLT
 */
public record OutcomeRecords(String source, String consumerGroup, String labelPackage, String outcomesTopic,
                             String deadLetterTopic) {

    public OutcomeRecords {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(labelPackage, "labelPackage");
        Objects.requireNonNull(outcomesTopic, "outcomesTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }

    /** The outcome as JSON under the order's key, with CloudEvents headers (binary mode) and a fresh {@code ce_id}. */
    public ProducerRecord<String, String> outcome(SyncOutcome outcome) {
        ProducerRecord<String, String> record = new ProducerRecord<>(outcomesTopic, outcome.key(),
                Json.writeString(outcome));
        set(record, CloudEvents.ID, UUID.randomUUID().toString());
        set(record, CloudEvents.TYPE, CloudEvents.SYNC_OUTCOME_TYPE);
        set(record, CloudEvents.SOURCE, source);
        set(record, CloudEvents.TIME, outcome.at().toString());
        set(record, CloudEvents.SPEC_VERSION, CloudEvents.SPEC_VERSION_1_0);
        set(record, CloudEvents.CONTENT_TYPE, CloudEvents.JSON);
        return record;
    }

    /**
     * The source record as it was (key, value, headers), plus where it was read, the status that sent it here, the
     * reason, and the target's reply code when there is one. A DLT header the source carried already is replaced,
     * so each is there once.
     *
     * @param status REJECTED or FAILED: the other statuses deliver nothing to a DLT
     */
    public ProducerRecord<String, String> deadLetter(ConsumerRecord<String, String> from, SyncStatus status,
                                                     String reason, Optional<String> code) {
        if (status != SyncStatus.REJECTED && status != SyncStatus.FAILED) {
            throw new IllegalArgumentException("no dead letter for a " + status + " order");
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, null, from.key(), from.value(),
                from.headers());
        set(record, RecordHeaders.DLT_ORIGINAL_TOPIC, from.topic());
        set(record, RecordHeaders.DLT_ORIGINAL_PARTITION, Integer.toString(from.partition()));
        set(record, RecordHeaders.DLT_ORIGINAL_OFFSET, Long.toString(from.offset()));
        set(record, RecordHeaders.DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup);
        set(record, RecordHeaders.DLT_EXCEPTION_FQCN,
                labelPackage + (status == SyncStatus.REJECTED ? ".Rejected" : ".FailedAfterRetries"));
        // cut here too (the callers cut already): the headroom ingest keeps for a dead letter counts on it
        set(record, RecordHeaders.DLT_EXCEPTION_MESSAGE, reason == null ? "" : Reasons.cut(reason));
        set(record, RecordHeaders.SYNC_STATUS, status.name());
        record.headers().remove(RecordHeaders.SYNC_CODE);
        code.ifPresent(c -> set(record, RecordHeaders.SYNC_CODE, c));
        return record;
    }

    private static void set(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
