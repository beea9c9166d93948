package com.mallsync.membersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Contracts;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import com.mallsync.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Records member-sync really writes, read from the broker, against {@code contracts/}: a SYNCED and a REJECTED
 * outcome (value strictly, headers, key) and the REJECTED order's dead letter (value as OrderPaid, headers of the
 * member-sync DLT). Also: the hand-built consumers' and the producer's Kafka client metrics on the prometheus page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MemberSyncOutcomeSchemaIT {

    static final ItStack STACK = ItStack.start();
    private static final String SEED_ORDER_NO = "20250320165809904355";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STACK.register(registry, Duration.ofMillis(200));
    }

    @AfterAll
    static void close() {
        STACK.closeAfterTheService();
    }

    @LocalServerPort
    int port;

    @Test
    void aSyncedOutcomeAsPublishedConformsToTheContract() {
        OffsetDateTime now = OffsetDateTime.now(MallTime.ZONE).minusMinutes(1);
        OrderPaid order = order("MS-SCHEMA-OK-1", now);
        publishAsIngest(order);

        ConsumerRecord<String, String> outcome = awaitOne(Topics.ORDERS_OUTCOMES, order);

        assertThat(outcome.value()).contains("\"status\":\"SYNCED\"");
        assertOutcomeConforms(outcome);
    }

    @Test
    void aRejectedOutcomeAndItsDeadLetterAsPublishedConformToTheContract() {
        // 2030: "saleTime必须在一年以内": an order placed two years ago is refused before sending
        OrderPaid order = order("MS-SCHEMA-OLD-1", OffsetDateTime.now(MallTime.ZONE).minusYears(2));
        publishAsIngest(order);

        ConsumerRecord<String, String> outcome = awaitOne(Topics.ORDERS_OUTCOMES, order);
        ConsumerRecord<String, String> dead = awaitOne(Topics.MEMBER_SYNC_DLT, order);

        assertThat(outcome.value()).contains("\"status\":\"REJECTED\"");
        assertOutcomeConforms(outcome);
        Contracts.assertConforms(Contracts.ORDER_PAID, dead.value());
        Contracts.assertHeadersConform(Contracts.MEMBER_SYNC_DLT_HEADERS, dead.headers());
        dead.headers().remove("kafka_dlt-original-consumer-group");
        assertThat(Contracts.headerViolations(Contracts.MEMBER_SYNC_DLT_HEADERS, dead.headers())).isNotEmpty();
    }

    @Test
    void theHandBuiltConsumersAndTheProducerShowTheirKafkaMetrics() {
        OrderPaid order = order("MS-METRICS-1", OffsetDateTime.now(MallTime.ZONE).minusMinutes(1));
        publishAsIngest(order);
        awaitOne(Topics.ORDERS_OUTCOMES, order);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .build();

        await().atMost(KafkaTestBroker.PATIENCE).untilAsserted(() -> {
            String page = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("kafka_producer_record_send_total")
                    .containsPattern("kafka_consumer_fetch_manager_records_consumed_total\\{[^}]*client_id=\"member-sync\"")
                    .containsPattern("kafka_consumer_[a-z_]+\\{[^}]*client_id=\"outcome-index-crm_2030-");
        });
    }

    private static void assertOutcomeConforms(ConsumerRecord<String, String> outcome) {
        Contracts.assertConforms(Contracts.SYNC_OUTCOME, outcome.value());
        Contracts.assertHeadersConform(Contracts.SYNC_OUTCOME_HEADERS, outcome.headers());
        assertThat(Contracts.violations(Contracts.ORDER_KEY, "\"" + outcome.key() + "\"")).isEmpty();
    }

    /** The seed push under another order number, placed and paid at {@code at}, through ingest's own mapping. */
    private static OrderPaid order(String orderNo, OffsetDateTime at) {
        String time = MallTime.format(at);
        String push = Seeds.mallOrderPush().replace(SEED_ORDER_NO, orderNo)
                .replace("2025-03-20 16:58:09", time).replace("2025-03-20 16:58:12", time);
        return OrderPaidMapping.toOrderPaid(Json.read(push, MallOrderPush.class), push, Instant.now());
    }

    /** With the CloudEvents headers ingest's OrderPublisher writes. */
    private static void publishAsIngest(OrderPaid order) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDERS_PAID, order.key(),
                Json.writeString(order));
        header(record, CloudEvents.ID, order.eventId().toString());
        header(record, CloudEvents.TYPE, CloudEvents.ORDER_PAID_TYPE);
        header(record, CloudEvents.SOURCE, "/mall-order-sync/malls/" + order.mallId());
        header(record, CloudEvents.TIME, order.occurredAt().toString());
        header(record, CloudEvents.SPEC_VERSION, CloudEvents.SPEC_VERSION_1_0);
        header(record, CloudEvents.CONTENT_TYPE, "application/json");
        try {
            STACK.producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, String> awaitOne(String topic, OrderPaid order) {
        try (TopicProbe probe = new TopicProbe(STACK.broker.bootstrapServers(), topic)) {
            List<ConsumerRecord<String, String>> records = probe.awaitMatching(r -> order.key().equals(r.key()), 1,
                    KafkaTestBroker.PATIENCE);
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }
}
