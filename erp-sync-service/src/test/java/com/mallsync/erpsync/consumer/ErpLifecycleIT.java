package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.MeterRegistry;
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
import com.mallsync.model.MallTime;
import com.mallsync.model.Topics;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.model.money.MoneyReading;
import com.mallsync.model.money.OrderMoney;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.StoredOrder;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * An order's life through the real service, an embedded broker and the real sandbox over HTTP (LIFECYCLE.md "ERP"):
 * the sale at payment, CONFIRMED SKIPPED, a TH 1 return per refunded line and one of the rest at cancellation, each
 * event one outcome with its {@code event} and {@code line}; redeliveries, re-pushes and a restart hold nothing twice.
 */
class ErpLifecycleIT {

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext service;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        service = ItSupport.service(broker, sandbox, Map.of());
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
    void paidThenCancelledHoldsTheSaleAndOneReturnOfEverything() {
        OrderPaid paid = ItSupport.order("L-CANCEL-1");
        OrderPaid cancelled = cancelled(paid);
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(paid, cancelled));

        List<SyncOutcome> outcomes = awaitOutcomes(paid, 2);

        assertThat(outcomes).extracting(SyncOutcome::event, SyncOutcome::status).containsExactly(
                tuple(OrderEvent.PAID, SyncStatus.SYNCED),
                tuple(OrderEvent.CANCELLED, SyncStatus.SYNCED));
        List<StoredOrder> held = held(paid);
        assertThat(held).extracting(StoredOrder::th).containsExactly(0, 1);
        assertThat(held.get(0).outerId()).isEqualTo("L-CANCEL-1");
        StoredOrder back = held.get(1);
        assertThat(back.outerId()).isEqualTo("L-CANCEL-1-C");
        assertThat(back.master()).containsEntry("TradeID", "L-CANCEL-1")
                .containsEntry("RefundTime", DateTimeFormatter.ofPattern("yyyy/M/d H:mm:ss")
                        .format(cancelled.lifecycle().cancelledAt()));
        assertThat(new BigDecimal(back.master().get("RefundFee")))
                .isEqualByComparingTo(paid.amounts().totalPayPrice());
        assertThat(outcomes.get(1).externalRef()).isEqualTo(back.outerTradeId());
        assertThat(sandbox.stats().sales()).isEqualTo(1);
        assertThat(sandbox.stats().returns()).isEqualTo(1);
    }

    @Test
    void paidConfirmedLineRefundedThenCancelledHoldsTheSaleTheLinesReturnAndTheRest() {
        OrderPaid paid = twoLineOrder("L-LIFE-1");
        long first = paid.lines().get(0).lineId();
        List<OrderPaid> events = lifeOf(paid, first);
        // every record delivered twice
        List<OrderPaid> twice = new ArrayList<>(events);
        twice.addAll(events);
        ItSupport.publish(producer, Topics.ORDERS_PAID, twice);

        List<SyncOutcome> outcomes = awaitOutcomes(paid, 4);

        assertThat(outcomes).extracting(SyncOutcome::event).containsExactly(OrderEvent.PAID, OrderEvent.CONFIRMED,
                OrderEvent.REFUNDED, OrderEvent.CANCELLED);
        assertThat(outcomes).extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED, SyncStatus.SKIPPED,
                SyncStatus.SYNCED, SyncStatus.SYNCED);
        assertThat(outcomes.get(1).reason()).contains("at payment");
        assertThat(outcomes.get(2).line()).isEqualTo(first);
        assertThat(outcomes).extracting(SyncOutcome::eventId).doesNotHaveDuplicates();
        List<StoredOrder> held = held(paid);
        assertThat(held).extracting(StoredOrder::outerId).containsExactly("L-LIFE-1", "L-LIFE-1-R" + first,
                "L-LIFE-1-C");
        assertThat(held).extracting(StoredOrder::th).containsExactly(0, 1, 1);
        OrderMoney money = ((MoneyReading.Read) OrderMoney.read(paid)).money();
        BigDecimal line = new BigDecimal(held.get(1).master().get("RefundFee"));
        BigDecimal rest = new BigDecimal(held.get(2).master().get("RefundFee"));
        assertThat(line).isEqualByComparingTo(money.lines().get(0).paid());
        assertThat(line.add(rest)).isEqualByComparingTo(paid.amounts().totalPayPrice());
        assertThat(held.get(2).details()).hasSize(1);
        assertThat(sandbox.stats().doubleCreations()).isZero();
        assertThat(service.getBean(MeterRegistry.class).find("erp.sync.outcomes").tag("event", "CONFIRMED")
                .tag("status", "SKIPPED").counter().count()).isGreaterThanOrEqualTo(1);

        // a restart, then the whole life pushed again: nothing new anywhere
        service.close();
        service = ItSupport.service(broker, sandbox, Map.of());
        long requests = sandbox.stats().requests();
        ItSupport.publish(producer, Topics.ORDERS_PAID, lifeOf(twoLineOrder("L-LIFE-1"), first));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> skipped() >= 4);
        OrderPaid marker = ItSupport.order("L-LIFE-MARK");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(marker));
        ItSupport.awaitOutcome(broker, marker);

        assertThat(ItSupport.outcomes(broker, paid)).hasSize(4);
        assertThat(held(paid)).hasSize(3);
        assertThat(sandbox.stats().requests() - requests).as("only the marker order was sent").isEqualTo(1);
    }

    @Test
    void aReturnWhoseSaleIsNotAtTheErpIsRejectedAndDeadLettered() {
        OrderPaid paid = ItSupport.order("L-NOSALE-1");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(cancelled(paid)));

        SyncOutcome outcome = ItSupport.awaitOutcome(broker, paid);

        assertThat(outcome.status()).isEqualTo(SyncStatus.REJECTED);
        assertThat(outcome.event()).isEqualTo(OrderEvent.CANCELLED);
        assertThat(outcome.reason()).contains("the sale is not at the ERP");
        ItSupport.awaitDeadLetter(broker, Topics.ERP_SYNC_DLT, paid);
        assertThat(sandbox.stats().requests()).isZero();
    }

    @Test
    void aReturnTheLedgerHasIsPublishedWithoutASecondCallAndAPendingMarkMakesItInDoubt() {
        OrderPaid paid = twoLineOrder("L-LEDGER-1");
        long first = paid.lines().get(0).lineId();
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(paid));
        ItSupport.awaitOutcome(broker, paid);
        // What a crash between the ledger write and the outcome leaves behind, under the return's own OuterID.
        OrderPaid refunded = refunded(paid, first);
        SyncedLedger ledger = service.getBean(SyncedLedger.class);
        String returnKey = Topics.orderKey(222, "L-LEDGER-1-R" + first);
        producer.send(new ProducerRecord<>(ErpSyncProperties.SYNCED_TOPIC, returnKey, Json.writeString(
                new SyncedEntry(refunded.eventId(), "ERP-RETURN-FROM-LEDGER", 1, Instant.now()))));
        // ... and a call of the cancellation's return that an instance was killed in the middle of
        OrderPaid cancelled = cancelled(paid);
        producer.send(new ProducerRecord<>(ErpSyncProperties.SYNCED_TOPIC, Topics.orderKey(222, "L-LEDGER-1-C"),
                Json.writeString(SyncedEntry.calling(cancelled.eventId(), Instant.now()))));
        producer.flush();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> ledger.find(returnKey).isPresent()
                && ledger.find(Topics.orderKey(222, "L-LEDGER-1-C")).isPresent());
        long requests = sandbox.stats().requests();

        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(refunded, cancelled, refunded));

        List<SyncOutcome> outcomes = awaitOutcomes(paid, 3);
        assertThat(outcomes.get(1).event()).isEqualTo(OrderEvent.REFUNDED);
        assertThat(outcomes.get(1).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcomes.get(1).externalRef()).isEqualTo("ERP-RETURN-FROM-LEDGER");
        assertThat(outcomes.get(2).event()).isEqualTo(OrderEvent.CANCELLED);
        assertThat(outcomes.get(2).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcomes.get(2).reason()).startsWith("in doubt").contains("L-LEDGER-1-C");
        assertThat(sandbox.stats().requests() - requests).as("only the cancellation's return was sent").isEqualTo(1);
        assertThat(held(paid)).extracting(StoredOrder::outerId).containsExactly("L-LEDGER-1", "L-LEDGER-1-C");
    }

    @Test
    void aSchemaVersionOneRecordIsReadAsTheSale() {
        OrderPaid paid = ItSupport.order("L-V1-1");
        String v1 = Json.writeString(paid).replace("\"schemaVersion\":2", "\"schemaVersion\":1")
                .replace("\"event\":\"PAID\",", "");
        assertThat(v1).contains("\"schemaVersion\":1");
        producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, paid.key(), v1));
        producer.flush();

        SyncOutcome outcome = ItSupport.awaitOutcome(broker, paid);

        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.event()).isEqualTo(OrderEvent.PAID);
        assertThat(held(paid)).singleElement().satisfies(o -> assertThat(o.th()).isZero());
    }

    /** PAID, CONFIRMED, REFUNDED of one line, CANCELLED: what ingest publishes over the order's pushes. */
    private static List<OrderPaid> lifeOf(OrderPaid paid, long refundedLine) {
        OffsetDateTime at = OffsetDateTime.now(MallTime.ZONE).withNano(0);
        OrderPaid confirmed = paid.withLifecycle(new Lifecycle(true, at, 0, null, at), paid.lines())
                .as(OrderEvent.CONFIRMED, null);
        return List.of(paid, confirmed, refunded(paid, refundedLine), cancelled(paid));
    }

    private static OrderPaid refunded(OrderPaid paid, long line) {
        OffsetDateTime at = OffsetDateTime.now(MallTime.ZONE).withNano(0);
        List<OrderLine> lines = paid.lines().stream().map(l -> l.withRefunded(l.lineId() == line)).toList();
        return paid.withLifecycle(new Lifecycle(true, at, 0, null, at), lines).as(OrderEvent.REFUNDED, line);
    }

    private static OrderPaid cancelled(OrderPaid paid) {
        // now: after the payment (the ERP refuses a return dated before its sale's PayTime)
        OffsetDateTime at = OffsetDateTime.now(MallTime.ZONE).withNano(0);
        return paid.withLifecycle(new Lifecycle(false, null, 1, at, at), paid.lines()).as(OrderEvent.CANCELLED, null);
    }

    /** A mall-priced order of two lines, paid a few minutes ago (mall 222). */
    private static OrderPaid twoLineOrder(String orderNo) {
        MallCheckout c = MallCheckout.random(new Random(orderNo.hashCode()), List.of(
                new MallCheckout.Item(new BigDecimal("59.90"), 1), new MallCheckout.Item(new BigDecimal("20.00"), 2)));
        return CheckoutPush.orderPaid(c, 222, orderNo, OffsetDateTime.now(MallTime.ZONE).minusMinutes(10).withNano(0));
    }

    /** The sandbox's orders of this order (its sale and returns, by TradeID), in order. */
    private static List<StoredOrder> held(OrderPaid order) {
        return sandbox.orders().stream().filter(o -> order.orderNo().equals(o.master().get("TradeID"))).toList();
    }

    private static double skipped() {
        return service.getBean(MeterRegistry.class).find("erp.sync.redelivered.skipped").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static List<SyncOutcome> awaitOutcomes(OrderPaid order, int count) {
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> ItSupport.outcomes(broker, order).size() >= count);
        return ItSupport.outcomes(broker, order);
    }
}
