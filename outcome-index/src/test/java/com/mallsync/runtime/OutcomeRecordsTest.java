package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.testsupport.Contracts;

class OutcomeRecordsTest {

    private static final OutcomeRecords MEMBER_SYNC = new OutcomeRecords("member-sync-service",
            Topics.MEMBER_SYNC_GROUP, "com.mallsync.membersync", Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT);
    private static final OutcomeRecords ERP_SYNC = new OutcomeRecords("erp-sync-service", Topics.ERP_SYNC_GROUP,
            "com.mallsync.erpsync", Topics.ORDERS_OUTCOMES, Topics.ERP_SYNC_DLT);
    private static final Instant AT = Instant.parse("2026-03-20T08:58:09.123Z");

    @Test
    void theDeadLetterHeaderNamesAreSpringKafkasOwn() {
        assertThat(List.of(RecordHeaders.DLT_ORIGINAL_TOPIC, RecordHeaders.DLT_ORIGINAL_PARTITION,
                RecordHeaders.DLT_ORIGINAL_OFFSET, RecordHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                RecordHeaders.DLT_EXCEPTION_FQCN, RecordHeaders.DLT_EXCEPTION_MESSAGE))
                .containsExactly(KafkaHeaders.DLT_ORIGINAL_TOPIC, KafkaHeaders.DLT_ORIGINAL_PARTITION,
                        KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                        KafkaHeaders.DLT_EXCEPTION_FQCN, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }

    @Test
    void anOutcomeIsItsJsonUnderTheOrdersKeyWithTheCloudEventsHeadersOfTheServiceThatDecidedIt() {
        SyncOutcome outcome = new SyncOutcome(UUID.randomUUID(), 222, "NO-1", SyncTarget.ERP, SyncStatus.SYNCED,
                "OUTER-1", 1, null, AT);

        ProducerRecord<String, String> record = ERP_SYNC.outcome(outcome);

        assertThat(record.topic()).isEqualTo(Topics.ORDERS_OUTCOMES);
        assertThat(record.partition()).as("partitioned by key").isNull();
        assertThat(record.key()).isEqualTo("222:NO-1");
        assertThat(record.value()).isEqualTo(Json.writeString(outcome));
        Headers h = record.headers();
        assertThat(UUID.fromString(text(h, CloudEvents.ID))).isNotEqualTo(outcome.eventId());
        assertThat(text(h, CloudEvents.TYPE)).isEqualTo("mall.order.sync-outcome.v1");
        assertThat(text(h, CloudEvents.SOURCE)).isEqualTo("erp-sync-service");
        assertThat(text(h, CloudEvents.TIME)).isEqualTo("2026-03-20T08:58:09.123Z");
        assertThat(text(h, CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(text(h, CloudEvents.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(names(h)).hasSize(6).doesNotHaveDuplicates();
        Contracts.assertHeadersConform(Contracts.SYNC_OUTCOME_HEADERS, h);
        assertThat(text(MEMBER_SYNC.outcome(outcome).headers(), CloudEvents.SOURCE)).isEqualTo("member-sync-service");
        assertThat(text(MEMBER_SYNC.outcome(outcome).headers(), CloudEvents.ID))
                .as("a fresh id per record").isNotEqualTo(text(h, CloudEvents.ID));
    }

    @Test
    void aDeadLetterIsTheSourceRecordAsItWasPlusWhereItWasReadAndWhy() {
        ConsumerRecord<String, String> source = source();

        ProducerRecord<String, String> dead = ERP_SYNC.deadLetter(source, SyncStatus.REJECTED, "ERP said no",
                Optional.of("2001"));

        assertThat(dead.topic()).isEqualTo(Topics.ERP_SYNC_DLT);
        assertThat(dead.partition()).as("partitioned by key: the DLT may have any partition count").isNull();
        assertThat(dead.key()).isEqualTo(source.key());
        assertThat(dead.value()).isEqualTo(source.value());
        Headers h = dead.headers();
        assertThat(text(h, CloudEvents.ID)).as("the source's headers are kept").isEqualTo("the-event-id");
        assertThat(text(h, CloudEvents.TYPE)).isEqualTo(CloudEvents.ORDER_PAID_TYPE);
        assertThat(text(h, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.ORDERS_PAID);
        assertThat(text(h, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(text(h, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(text(h, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("erp-sync");
        assertThat(text(h, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo("com.mallsync.erpsync.Rejected");
        assertThat(text(h, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("ERP said no");
        assertThat(text(h, "mallsync_sync_status")).isEqualTo("REJECTED");
        assertThat(text(h, "mallsync_sync_code")).isEqualTo("2001");
        assertThat(names(h)).doesNotHaveDuplicates()
                .noneMatch(name -> name.startsWith(RecordHeaders.LEGACY_ERP_SYNC_PREFIX));
        assertThat(source.headers().lastHeader(RecordHeaders.SYNC_STATUS)).as("the source is left alone").isNull();
    }

    @Test
    void aFailedOrderWithoutReasonOrCodeGetsAnEmptyMessageAndNoCode() {
        ProducerRecord<String, String> dead = MEMBER_SYNC.deadLetter(source(), SyncStatus.FAILED, null,
                Optional.empty());

        Headers h = dead.headers();
        assertThat(dead.topic()).isEqualTo(Topics.MEMBER_SYNC_DLT);
        assertThat(text(h, RecordHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("member-sync");
        assertThat(text(h, RecordHeaders.DLT_EXCEPTION_FQCN)).isEqualTo("com.mallsync.membersync.FailedAfterRetries");
        assertThat(text(h, RecordHeaders.DLT_EXCEPTION_MESSAGE)).isEmpty();
        assertThat(text(h, RecordHeaders.SYNC_STATUS)).isEqualTo("FAILED");
        assertThat(h.lastHeader(RecordHeaders.SYNC_CODE)).isNull();
    }

    @Test
    void bothServicesDeadLettersConformToTheirContractAndWithoutTheStatusDoNot() {
        record Service(OutcomeRecords records, String schema) {
        }
        for (Service service : List.of(new Service(MEMBER_SYNC, Contracts.MEMBER_SYNC_DLT_HEADERS),
                new Service(ERP_SYNC, Contracts.ERP_SYNC_DLT_HEADERS))) {
            String schema = service.schema();
            Headers h = service.records().deadLetter(withIngestHeaders(source()), SyncStatus.FAILED, "HTTP 500",
                    Optional.empty()).headers();
            Contracts.assertHeadersConform(schema, h);
            h.remove(RecordHeaders.SYNC_STATUS);
            assertThat(Contracts.headerViolations(schema, h)).as(schema).isNotEmpty();
        }
    }

    @Test
    void aDeadLetterOfAReplayedRecordCarriesEachDeadLetterHeaderOnce() {
        ConsumerRecord<String, String> source = source();
        source.headers().add(RecordHeaders.SYNC_STATUS, bytes("REJECTED"));
        source.headers().add(RecordHeaders.SYNC_CODE, bytes("2001"));
        source.headers().add(RecordHeaders.DLT_ORIGINAL_OFFSET, bytes("7"));

        Headers h = MEMBER_SYNC.deadLetter(source, SyncStatus.FAILED, "HTTP 500", Optional.empty()).headers();

        assertThat(names(h)).doesNotHaveDuplicates();
        assertThat(text(h, RecordHeaders.SYNC_STATUS)).isEqualTo("FAILED");
        assertThat(text(h, RecordHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(h.lastHeader(RecordHeaders.SYNC_CODE)).as("not the earlier dead letter's code").isNull();
    }

    /**
     * The producer refuses a record whose size estimate (Kafka's own, {@code AbstractRecords}) passes its
     * {@code max.request.size}. Ingest accepts records up to 1 MiB less the headroom; the sinks keep the default
     * 1 MiB. A dead letter of the largest record ingest accepts, already a replay carrying every header, with a
     * target's whole error page as reason (not cut by its caller), still fits: otherwise its transaction could
     * never commit.
     */
    @Test
    void aDeadLetterOfTheLargestRecordIngestAcceptsFitsTheSinksRecordLimit() {
        int ingestLimit = 1024 * 1024 - RecordHeaders.DLT_HEADROOM_BYTES;
        ConsumerRecord<String, String> small = withIngestHeaders(source());
        small.headers().add(RecordHeaders.REPLAYED_FROM, bytes(Topics.ERP_SYNC_DLT + "-5@123456789"));
        small.headers().add(RecordHeaders.REPLAY_IN_DOUBT, bytes(RecordHeaders.IN_DOUBT_RESEND));
        String value = small.value();
        for (int size = size(small.key(), value, small.headers()); size != ingestLimit; ) {
            value = value + " ".repeat(Math.max(0, ingestLimit - size)); // a longer value's lengths take more bytes
            if (size > ingestLimit) {
                value = value.substring(0, value.length() - (size - ingestLimit));
            }
            size = size(small.key(), value, small.headers());
        }
        ConsumerRecord<String, String> largest = new ConsumerRecord<>(small.topic(), small.partition(),
                small.offset(), small.key(), value);
        small.headers().forEach(h -> largest.headers().add(h));
        assertThat(size(largest.key(), largest.value(), largest.headers())).isEqualTo(ingestLimit);

        String errorPage = "<html>服务器内部错误 " + "错".repeat(100_000) + "</html>";
        ProducerRecord<String, String> dead = ERP_SYNC.deadLetter(largest, SyncStatus.FAILED, errorPage,
                Optional.of("HTTP 500"));

        assertThat(size(dead.key(), dead.value(), dead.headers())).isLessThanOrEqualTo(1024 * 1024);
        String reason = text(dead.headers(), RecordHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(reason).hasSize(Reasons.MAX).startsWith("<html>服务器内部错误 错错").endsWith("…");
    }

    private static int size(String key, String value, Headers headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers.toArray());
    }

    @Test
    void onlyRejectedAndFailedOrdersHaveADeadLetter() {
        for (SyncStatus status : List.of(SyncStatus.SYNCED, SyncStatus.DUPLICATE, SyncStatus.SKIPPED)) {
            assertThatThrownBy(() -> ERP_SYNC.deadLetter(source(), status, "r", Optional.empty()))
                    .as(status.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static ConsumerRecord<String, String> source() {
        ConsumerRecord<String, String> source = new ConsumerRecord<>(Topics.ORDERS_PAID, 2, 41L, "222:NO-1",
                "{\"orderNo\":\"NO-1\"}");
        source.headers().add(CloudEvents.ID, bytes("the-event-id"));
        source.headers().add(CloudEvents.TYPE, bytes(CloudEvents.ORDER_PAID_TYPE));
        return source;
    }

    /** The rest of the CloudEvents headers ingest writes, so the source's part of the contract is met too. */
    private static ConsumerRecord<String, String> withIngestHeaders(ConsumerRecord<String, String> source) {
        source.headers().remove(CloudEvents.ID);
        source.headers().add(CloudEvents.ID, bytes(UUID.randomUUID().toString()));
        source.headers().add(CloudEvents.SOURCE, bytes("/mall-order-sync/malls/222"));
        source.headers().add(CloudEvents.TIME, bytes(AT.toString()));
        source.headers().add(CloudEvents.SPEC_VERSION, bytes(CloudEvents.SPEC_VERSION_1_0));
        source.headers().add(CloudEvents.CONTENT_TYPE, bytes(CloudEvents.JSON));
        return source;
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<String> names(Headers headers) {
        List<String> names = new ArrayList<>();
        headers.forEach(h -> names.add(h.key()));
        return names;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
