package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedEntry;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * Orders the ERP may have created without saying so, through the real service, broker and sandbox. The seed documents
 * no duplicate check and no lookup, so a call whose reply was lost, or one an instance was killed in the middle of,
 * leaves the order in doubt: RESEND (default) calls again and says so in the outcome; HOLD calls no more and leaves
 * it FAILED in the DLT for a person; a configured duplicate Code makes the resend safe.
 */
class ErpInDoubtIT {

    /** The source topic of the HOLD instance (its own group, so the two instances never share an order). */
    private static final String HOLD_SOURCE = "orders.paid.hold-test";
    private static final String HOLD_DLT = "orders.paid.hold-test.dlt";

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext resend;
    private static ConfigurableApplicationContext hold;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT, HOLD_SOURCE, HOLD_DLT);
        sandbox = ErpSandbox.start(0);
        Map<String, Object> common = Map.of("erp-sync.erp.request-timeout", "700ms",
                "erp-sync.erp.duplicate-codes", "3001");
        resend = ItSupport.service(broker, sandbox, common);
        Map<String, Object> holding = new HashMap<>(common);
        holding.putAll(Map.of("erp-sync.in-doubt.policy", "hold", "erp-sync.consumer.group-id", "erp-sync-hold",
                "erp-sync.topics.source", HOLD_SOURCE, "erp-sync.topics.dead-letter", HOLD_DLT));
        hold = ItSupport.service(broker, sandbox, holding);
        producer = ItSupport.producer(broker);
    }

    @AfterAll
    static void stop() {
        producer.close();
        hold.close();
        resend.close();
        sandbox.close();
        broker.close();
    }

    @BeforeEach
    void healthySandbox() {
        sandbox.reset();
    }

    @Test
    void aLostReplyIsSentAgainAndTheOutcomeSaysTheErpMayHoldItTwice() {
        // The ERP creates the order and the answer is lost; the service cannot tell that from "nothing happened".
        double before = inDoubt(resend, "timeout", "resend");
        sandbox.setFaults(Faults.NONE.withLostReplies(1.0, 1_500));
        OrderPaid order = ItSupport.order("D-LOST-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> sandbox.stats().creations() >= 1);
        sandbox.setFaults(Faults.NONE);

        SyncOutcome outcome = awaitOutcome(order);

        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.reason()).startsWith("in doubt: attempt 1 got no reply")
                .contains("second order with OuterID D-LOST-1");
        // What the flag is for: without a duplicate check in the ERP the resend did create it twice.
        assertThat(sandbox.stats().doubleCreations()).isEqualTo(1);
        assertThat(inDoubt(resend, "timeout", "resend")).isEqualTo(before + 1);
    }

    @Test
    void withTheErpsDuplicateCheckALostReplyEndsDuplicateAndTheOrderExistsOnce() {
        sandbox.setFaults(Faults.NONE.withLostReplies(1.0, 1_500).withDuplicateCode("3001"));
        OrderPaid order = ItSupport.order("D-DUPCODE-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> sandbox.stats().creations() >= 1);
        sandbox.setFaults(Faults.NONE.withDuplicateCode("3001"));

        SyncOutcome outcome = awaitOutcome(order);

        assertThat(outcome.status()).isEqualTo(SyncStatus.DUPLICATE);
        assertThat(outcome.reason()).contains("3001");
        assertThat(sandbox.stats().creations()).isEqualTo(1);
        assertThat(sandbox.stats().doubleCreations()).isZero();
        // the ledger now knows it: a re-push is answered without a call
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> resend.getBean(SyncedLedger.class)
                .find(order.key()).filter(e -> !e.pending()).isPresent());
    }

    @Test
    void aPendingMarkLeftByAKilledInstanceIsSentAgainOnceAndFlagged() {
        // What a SIGKILL during a call leaves: the mark written before the call, no confirmation, no outcome.
        double before = inDoubt(resend, "restart", "resend");
        OrderPaid order = ItSupport.order("D-KILLED-1");
        markPending(order, resend);

        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));
        SyncOutcome outcome = awaitOutcome(order);

        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.reason()).startsWith("in doubt: a call made at").contains("stopped mid-call");
        assertThat(sandbox.stats().requests()).isEqualTo(1);
        assertThat(inDoubt(resend, "restart", "resend")).isEqualTo(before + 1);
    }

    @Test
    void anOrderAnsweredOutrightLeavesNoMarkSoItsReplayIsNotInDoubt() {
        sandbox.setFaults(Faults.NONE.withFail("2001", 1.0));
        OrderPaid order = ItSupport.order("D-REFUSED-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));

        assertThat(awaitOutcome(order).status()).isEqualTo(SyncStatus.REJECTED);
        await().atMost(KafkaTestBroker.PATIENCE)
                .until(() -> resend.getBean(SyncedLedger.class).find(order.key()).isEmpty());
    }

    @Test
    void holdCallsNoMoreAfterALostReplyAndOnlyAReplaySayingResendCallsAgain() {
        double before = inDoubt(hold, "timeout", "hold");
        sandbox.setFaults(Faults.NONE.withLostReplies(1.0, 1_500));
        OrderPaid order = ItSupport.order("D-HOLD-1");
        ItSupport.publish(producer, HOLD_SOURCE, List.of(order));

        SyncOutcome held = awaitOutcome(order);
        sandbox.setFaults(Faults.NONE);

        assertThat(held.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(held.reason()).startsWith("in doubt, held: attempt 1 got no reply")
                .contains("check the ERP for OuterID D-HOLD-1");
        assertThat(sandbox.stats().requests()).as("no second call").isEqualTo(1);
        assertThat(sandbox.stats().creations()).isEqualTo(1);
        ConsumerRecord<String, String> dead = awaitDeadLetter(order);

        // A blind replay (no decision, as "replay all" sends by default) is held again: no call.
        producer.send(replay(dead, null));
        producer.flush();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> outcomes(order).size() == 2);
        assertThat(outcomes(order).get(1).status()).isEqualTo(SyncStatus.FAILED);
        assertThat(outcomes(order).get(1).reason()).startsWith("in doubt, held: a call made at");
        assertThat(sandbox.stats().requests()).as("a replay without RESEND calls nobody").isEqualTo(1);

        // A person checked the ERP, found nothing (here it does hold it: the sandbox keeps its own count) and
        // replays the record saying RESEND: it is sent.
        producer.send(replay(dead, RecordHeaders.IN_DOUBT_RESEND));
        producer.flush();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> outcomes(order).size() == 3);
        assertThat(outcomes(order).get(2).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(sandbox.stats().requests()).isEqualTo(2);
        assertThat(inDoubt(hold, "timeout", "hold")).isEqualTo(before + 1);
    }

    /** What the ops console's replay sends: the dead letter's key and value, the replay header, the decision. */
    private static ProducerRecord<String, String> replay(ConsumerRecord<String, String> dead, String inDoubt) {
        ProducerRecord<String, String> replay = new ProducerRecord<>(HOLD_SOURCE, dead.key(), dead.value());
        replay.headers().add(RecordHeaders.REPLAYED_FROM,
                (dead.topic() + "/" + dead.partition() + "/" + dead.offset()).getBytes(StandardCharsets.UTF_8));
        if (inDoubt != null) {
            replay.headers().add(RecordHeaders.REPLAY_IN_DOUBT, inDoubt.getBytes(StandardCharsets.UTF_8));
        }
        return replay;
    }

    @Test
    void holdFailsAPendingMarkWithoutCalling() {
        OrderPaid order = ItSupport.order("D-HOLD-KILLED-1");
        markPending(order, hold);

        ItSupport.publish(producer, HOLD_SOURCE, List.of(order));
        SyncOutcome held = awaitOutcome(order);

        assertThat(held.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(held.reason()).startsWith("in doubt, held: a call made at");
        assertThat(sandbox.stats().requests()).isZero();
    }

    private static void markPending(OrderPaid order, ConfigurableApplicationContext service) {
        producer.send(new ProducerRecord<>(ErpSyncProperties.SYNCED_TOPIC, order.key(),
                Json.writeString(SyncedEntry.calling(order.eventId(), Instant.now().minusSeconds(60)))));
        producer.flush();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> service.getBean(SyncedLedger.class)
                .find(order.key()).filter(SyncedEntry::pending).isPresent());
    }

    private static double inDoubt(ConfigurableApplicationContext service, String cause, String policy) {
        var counter = service.getBean(MeterRegistry.class).find("erp.sync.in.doubt").tag("cause", cause)
                .tag("policy", policy).counter();
        return counter == null ? 0 : counter.count();
    }

    private static SyncOutcome awaitOutcome(OrderPaid order) {
        return ItSupport.awaitOutcome(broker, order);
    }

    private static List<SyncOutcome> outcomes(OrderPaid order) {
        return ItSupport.outcomes(broker, order);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(OrderPaid order) {
        return ItSupport.awaitDeadLetter(broker, HOLD_DLT, order);
    }
}
