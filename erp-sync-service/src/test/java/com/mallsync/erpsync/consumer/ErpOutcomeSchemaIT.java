package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;
import com.mallsync.testsupport.Contracts;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;

/**
 * Records erp-sync really writes, read from the broker, against {@code contracts/}: a SYNCED and a REJECTED outcome
 * (value strictly, headers, key) and the REJECTED order's dead letter (value as OrderPaid, headers of the erp-sync
 * DLT). The source records carry the headers ingest writes, so the dead letter's copy of them is checked too.
 */
class ErpOutcomeSchemaIT {

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext service;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        service = ItSupport.service(broker, sandbox, Map.of("erp-sync.retry.max-attempts", 2));
        producer = ItSupport.producer(broker);
    }

    @AfterAll
    static void stop() {
        producer.close();
        service.close();
        sandbox.close();
        broker.close();
    }

    @Test
    void aSyncedOutcomeAsPublishedConformsToTheContract() {
        sandbox.setFaults(Faults.NONE);
        OrderPaid order = ItSupport.order("SCHEMA-OK-1");
        publishAsIngest(order);

        ConsumerRecord<String, String> outcome = awaitOne(Topics.ORDERS_OUTCOMES, order);

        assertThat(outcome.value()).contains("\"status\":\"SYNCED\"");
        assertOutcomeConforms(outcome);
    }

    @Test
    void aRejectedOutcomeAndItsDeadLetterAsPublishedConformToTheContract() {
        sandbox.setFaults(Faults.NONE.withFail("2001", 1.0));
        OrderPaid order = ItSupport.order("SCHEMA-REJECT-1");
        publishAsIngest(order);

        ConsumerRecord<String, String> outcome = awaitOne(Topics.ORDERS_OUTCOMES, order);
        ConsumerRecord<String, String> dead = awaitOne(Topics.ERP_SYNC_DLT, order);
        sandbox.setFaults(Faults.NONE);

        assertThat(outcome.value()).contains("\"status\":\"REJECTED\"");
        assertOutcomeConforms(outcome);
        Contracts.assertConforms(Contracts.ORDER_PAID, dead.value());
        Contracts.assertHeadersConform(Contracts.ERP_SYNC_DLT_HEADERS, dead.headers());
        assertThat(Contracts.violations(Contracts.ORDER_KEY, "\"" + dead.key() + "\"")).isEmpty();
        // the header schema can fail: a dead letter without its status is refused
        dead.headers().remove(RecordHeaders.SYNC_STATUS);
        assertThat(Contracts.headerViolations(Contracts.ERP_SYNC_DLT_HEADERS, dead.headers())).isNotEmpty();
    }

    private static void assertOutcomeConforms(ConsumerRecord<String, String> outcome) {
        Contracts.assertConforms(Contracts.SYNC_OUTCOME, outcome.value());
        Contracts.assertHeadersConform(Contracts.SYNC_OUTCOME_HEADERS, outcome.headers());
        assertThat(Contracts.violations(Contracts.ORDER_KEY, "\"" + outcome.key() + "\"")).isEmpty();
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
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<String, String> awaitOne(String topic, OrderPaid order) {
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), topic)) {
            List<ConsumerRecord<String, String>> records = probe.awaitMatching(r -> order.key().equals(r.key()), 1,
                    KafkaTestBroker.PATIENCE);
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }
}
