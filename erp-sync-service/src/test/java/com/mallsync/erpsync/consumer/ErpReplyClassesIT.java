package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.micrometer.core.instrument.MeterRegistry;
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
import com.mallsync.model.event.SyncTarget;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;
import com.mallsync.sandbox.erp.StoredOrder;
import com.mallsync.testsupport.KafkaTestBroker;

/** Each class of ERP reply, through the real service, broker and sandbox, ends in the right outcome. */
class ErpReplyClassesIT {

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext service;
    private static KafkaProducer<String, String> producer;
    private static final AtomicInteger breakerTransitions = new AtomicInteger();

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        service = ItSupport.service(broker, sandbox, Map.of(
                "erp-sync.retry.max-attempts", 3,
                "erp-sync.erp.request-timeout", "700ms"));
        CircuitBreaker breaker = service.getBean(CircuitBreakerRegistry.class).circuitBreaker(ErpSyncWiring.BREAKER);
        breaker.getEventPublisher().onStateTransition(e -> breakerTransitions.incrementAndGet());
        producer = ItSupport.producer(broker);
    }

    @AfterAll
    static void stop() {
        producer.close();
        service.close();
        sandbox.close();
        broker.close();
    }

    @BeforeEach
    void healthySandbox() {
        sandbox.reset();
    }

    @Test
    void codeZeroIsSyncedWithTheErpsOuterTradeId() {
        OrderPaid order = ItSupport.order("R-OK-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));

        SyncOutcome outcome = awaitOutcome(order);

        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.target()).isEqualTo(SyncTarget.ERP);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(sandbox.orders()).singleElement().satisfies(stored -> {
            assertThat(stored.outerTradeId()).isEqualTo(outcome.externalRef());
            assertThat(stored.outerId()).isEqualTo("R-OK-1");
            assertThat(stored.uid()).isEqualTo("demo-uid-222");
        });
    }

    @Test
    void aBusinessCodeIsRejectedWithCodeAndMessageAndDeadLettered() {
        sandbox.setFaults(Faults.NONE.withFail("2001", 1.0));
        OrderPaid order = ItSupport.order("R-BIZ-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));

        SyncOutcome outcome = awaitOutcome(order);

        assertThat(outcome.status()).isEqualTo(SyncStatus.REJECTED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.reason()).contains("2001").contains("injected business error");
        ConsumerRecord<String, String> dead = awaitDeadLetter(order);
        assertThat(new String(dead.headers().lastHeader(RecordHeaders.SYNC_CODE).value(), StandardCharsets.UTF_8))
                .isEqualTo("2001");
        assertThat(new String(dead.headers().lastHeader(RecordHeaders.DLT_ORIGINAL_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo(Topics.ORDERS_PAID);
        assertThat(sandbox.stats().creations()).isZero();
    }

    @Test
    void aTimeoutIsRetriedAndTheOrderCreatedOnce() {
        sandbox.setFaults(Faults.NONE.withTimeout(1.0, 2_000));
        OrderPaid order = ItSupport.order("R-TIMEOUT-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> sandbox.stats().requests() >= 1);
        sandbox.setFaults(Faults.NONE);

        SyncOutcome outcome = awaitOutcome(order);

        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.attempts()).isGreaterThanOrEqualTo(2);
        // the ERP might have created it before the reply was lost (this sandbox did not): the outcome says so
        assertThat(outcome.reason()).startsWith("in doubt: attempt 1 got no reply");
        assertThat(sandbox.stats().creations()).isEqualTo(1);
        assertThat(sandbox.stats().faultReplies()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void oneOrderAnsweredWith5xxFailsAfterItsBudgetWithoutOpeningTheBreakerForTheOthers() {
        int transitionsBefore = breakerTransitions.get();
        OrderPaid sick = ItSupport.order("R-5XX-SICK");
        sandbox.setFaults(Faults.NONE.withErrorOrders(List.of(sick.orderNo())));
        List<OrderPaid> orders = new ArrayList<>();
        IntStream.range(0, 15).forEach(i -> orders.add(ItSupport.order("R-5XX-OK-" + i)));
        orders.add(7, sick);
        ItSupport.publish(producer, Topics.ORDERS_PAID, orders);

        SyncOutcome failed = awaitOutcome(sick);

        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.reason()).contains("HTTP 500");
        assertThat(awaitDeadLetter(sick).key()).isEqualTo(sick.key());
        for (OrderPaid ok : orders.stream().filter(o -> o != sick).toList()) {
            assertThat(awaitOutcome(ok).status()).isEqualTo(SyncStatus.SYNCED);
        }
        assertThat(breakerTransitions.get()).as("breaker never left CLOSED").isEqualTo(transitionsBefore);
        assertThat(sandbox.stats().creations()).isEqualTo(15);
    }

    @Test
    void theSameEventTwiceAndTheSameOrderRePushedCreateOneErpOrderAndOneOutcome() {
        double skippedBefore = skipped();
        OrderPaid order = ItSupport.order("R-DUP-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order, order));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> skipped() >= skippedBefore + 1);
        OrderPaid rePushed = ItSupport.order("R-DUP-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(rePushed));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> skipped() >= skippedBefore + 2);

        // issue 4: "the same event delivered twice → one order in the sandbox, outcome DUPLICATE or SYNCED once"
        assertThat(outcomes(order)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(o.externalRef()).isEqualTo(sandbox.orders().get(0).outerTradeId());
        });
        assertThat(sandbox.orders()).hasSize(1);
        assertThat(sandbox.stats().requests()).as("no second ERP call").isEqualTo(1);
        assertThat(sandbox.stats().doubleCreations()).isZero();
    }

    @Test
    void aRejectedOrderRedeliveredIsSkippedButReplayedFromTheDltIsSentAgain() {
        sandbox.setFaults(Faults.NONE.withFail("2001", 1.0));
        OrderPaid order = ItSupport.order("R-REPLAY-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));
        assertThat(awaitOutcome(order).status()).isEqualTo(SyncStatus.REJECTED);
        ConsumerRecord<String, String> dead = awaitDeadLetter(order);
        sandbox.setFaults(Faults.NONE);                           // the cause is fixed

        double skippedBefore = skipped();
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));   // a plain redelivery
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> skipped() >= skippedBefore + 1);
        assertThat(outcomes(order)).extracting(SyncOutcome::status).containsExactly(SyncStatus.REJECTED);
        assertThat(sandbox.stats().requests()).as("the redelivery called nobody").isEqualTo(1);

        // what the ops console's replay sends: the dead letter's key and value with the replay header
        ProducerRecord<String, String> replay = new ProducerRecord<>(Topics.ORDERS_PAID, dead.key(), dead.value());
        replay.headers().add(RecordHeaders.REPLAYED_FROM,
                (dead.topic() + "/" + dead.partition() + "/" + dead.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(replay);
        producer.flush();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> outcomes(order).size() == 2);

        assertThat(outcomes(order)).extracting(SyncOutcome::status)
                .containsExactly(SyncStatus.REJECTED, SyncStatus.SYNCED);
        assertThat(sandbox.orders()).singleElement().satisfies(o -> assertThat(o.outerId()).isEqualTo("R-REPLAY-1"));
    }

    @Test
    void aLedgerEntryWithoutAnOutcomeIsPublishedAsSyncedWithoutCallingTheErp() {
        // What a crash between the ledger write and the outcome leaves behind: the ERP has it, no outcome says so.
        OrderPaid order = ItSupport.order("R-LEDGER-1");
        SyncedLedger ledger = service.getBean(SyncedLedger.class);
        producer.send(new ProducerRecord<>(ErpSyncProperties.SYNCED_TOPIC, order.key(), Json.writeString(
                new SyncedEntry(order.eventId(), "ERP-FROM-LEDGER-1", 1, java.time.Instant.now()))));
        producer.flush();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> ledger.find(order.key()).isPresent());

        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));

        SyncOutcome outcome = awaitOutcome(order);
        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.externalRef()).isEqualTo("ERP-FROM-LEDGER-1");
        assertThat(sandbox.stats().requests()).isZero();
    }

    private static double skipped() {
        return service.getBean(MeterRegistry.class).find("erp.sync.redelivered.skipped").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static SyncOutcome awaitOutcome(OrderPaid order) {
        return ItSupport.awaitOutcome(broker, order);
    }

    private static List<SyncOutcome> outcomes(OrderPaid order) {
        return ItSupport.outcomes(broker, order);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(OrderPaid order) {
        return ItSupport.awaitDeadLetter(broker, Topics.ERP_SYNC_DLT, order);
    }
}
