package com.mallsync.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex.Decision;
import com.mallsync.testsupport.KafkaTestBroker;

/** The index against a real broker: what it reads from orders.outcomes.v1, per target, once caught up. */
class OutcomeIndexIT {

    private static KafkaTestBroker broker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        broker.createTopics(3, Topics.ORDERS_OUTCOMES);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        broker.close();
    }

    private static UUID publish(String orderNo, SyncTarget target, SyncStatus status) throws Exception {
        UUID id = OrderPaid.eventIdFor(222, orderNo);
        SyncOutcome outcome = new SyncOutcome(id, 222, orderNo, target, status, null, 1, null, Instant.now());
        producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, outcome.key(), Json.writeString(outcome))).get();
        return id;
    }

    private static Map<String, Object> client() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "must-be-ignored");
    }

    @Test
    void onceCaughtUpItKnowsEveryOutcomeOfItsTargetPublishedBefore() throws Exception {
        UUID synced = publish("IX-1", SyncTarget.ERP, SyncStatus.SYNCED);
        UUID rejected = publish("IX-2", SyncTarget.ERP, SyncStatus.REJECTED);
        UUID otherTarget = publish("IX-3", SyncTarget.CRM_2030, SyncStatus.SYNCED);
        UUID rejectedThenSynced = publish("IX-4", SyncTarget.ERP, SyncStatus.REJECTED);
        publish("IX-4", SyncTarget.ERP, SyncStatus.SYNCED);
        try (OutcomeIndex index = OutcomeIndex.create(Topics.ORDERS_OUTCOMES, SyncTarget.ERP, client())) {
            index.start();
            index.catchUp().get(KafkaTestBroker.PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThat(index.status(synced)).contains(SyncStatus.SYNCED);
            assertThat(index.decide(synced, true)).isEqualTo(Decision.SKIP);
            assertThat(index.decide(rejected, false)).isEqualTo(Decision.SKIP);
            assertThat(index.decide(rejected, true)).as("a DLT replay").isEqualTo(Decision.PROCESS);
            assertThat(index.status(otherTarget)).as("another target's outcome").isEmpty();
            assertThat(index.status(rejectedThenSynced)).contains(SyncStatus.SYNCED);

            // published after the start: known once a later catch-up completes
            UUID later = publish("IX-5", SyncTarget.ERP, SyncStatus.DUPLICATE);
            index.catchUp().get(KafkaTestBroker.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(index.status(later)).contains(SyncStatus.DUPLICATE);
        }
    }

    @Test
    void anUnreadableOutcomeIsSkippedWithACountAndTheIndexReadsOn() throws Exception {
        producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, "222:IX-BAD", "not json {")).get();
        producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, "222:IX-BAD", "{\"status\":\"NOT_A_STATUS\"}")).get();
        producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, "222:IX-BAD", null)).get();
        UUID after = publish("IX-AFTER-BAD", SyncTarget.ERP, SyncStatus.SYNCED);
        com.mallsync.runtime.SkippedRecords skipped = new com.mallsync.runtime.SkippedRecords();
        try (OutcomeIndex index = OutcomeIndex.create(Topics.ORDERS_OUTCOMES, SyncTarget.ERP, client(), skipped)) {
            index.start();
            index.catchUp().get(KafkaTestBroker.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(skipped.count(Topics.ORDERS_OUTCOMES)).isEqualTo(3);
            assertThat(index.status(after)).as("read past the bad records").contains(SyncStatus.SYNCED);
            UUID later = publish("IX-AFTER-BAD-2", SyncTarget.ERP, SyncStatus.SYNCED);
            index.catchUp().get(KafkaTestBroker.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(index.status(later)).as("and keeps tailing").contains(SyncStatus.SYNCED);
        }
    }

    @Test
    void ofTwoClaimsForOneOrderOnlyTheFirstPublishes() throws Exception {
        try (OutcomeIndex index = OutcomeIndex.create(Topics.ORDERS_OUTCOMES, SyncTarget.CRM_2030, client())) {
            index.start();
            index.catchUp().get(KafkaTestBroker.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            UUID id = UUID.randomUUID();
            assertThat(index.claim(id, SyncStatus.SYNCED, false)).isTrue();
            assertThat(index.claim(id, SyncStatus.DUPLICATE, false)).isFalse();
            assertThat(index.claim(id, SyncStatus.SYNCED, true)).isFalse();

            UUID refused = UUID.randomUUID();
            assertThat(index.claim(refused, SyncStatus.REJECTED, false)).isTrue();
            assertThat(index.claim(refused, SyncStatus.REJECTED, false)).isFalse();
            assertThat(index.claim(refused, SyncStatus.SYNCED, true)).as("a replay after REJECTED").isTrue();
            assertThat(index.status(refused)).contains(SyncStatus.SYNCED);
        }
    }
}
