package com.mallsync.membersync;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

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
import com.mallsync.sandbox.crm.CrmSandbox;
import com.mallsync.sandbox.crm.StoredOrder;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's life at the CRM with the default configuration ({@code member-sync.upload-on} CONFIRMED), against a
 * real broker and the CRM sandbox over HTTP, which refuses a return whose sale it does not hold: so a return that
 * travelled in the same batch as its sale would be refused here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MemberSyncLifecycleIT {

    static final Duration PATIENCE = KafkaTestBroker.PATIENCE;
    static final ItStack STACK = ItStack.start();
    static final CrmSandbox CRM = STACK.crm;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STACK.registerDefaults(registry, Duration.ofMillis(300));
    }

    String prefix;

    @BeforeEach
    void fresh() {
        prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @AfterAll
    static void close() {
        STACK.closeAfterTheService();
    }

    /** A mall-priced order of at least two lines, every line paid something, paid a minute ago. */
    OrderPaid order(String suffix) {
        Random random = new Random(suffix.hashCode());
        OffsetDateTime paid = OffsetDateTime.now(MallTime.ZONE).withNano(0).minusMinutes(1);
        while (true) {
            MallCheckout c = MallCheckout.random(random, CheckoutPush.randomItems(random));
            if (c.lines().size() >= 2 && !c.markedUp()
                    && c.lines().stream().allMatch(l -> l.totalPrice().signum() > 0)) {
                return CheckoutPush.orderPaid(c, 222, prefix + suffix, paid);
            }
        }
    }

    static OrderPaid paid(OrderPaid o) {
        return o.as(OrderEvent.PAID, null);
    }

    static OrderPaid confirmed(OrderPaid o) {
        return o.withLifecycle(new Lifecycle(true, now(), 0, null, now()), o.lines()).as(OrderEvent.CONFIRMED, null);
    }

    static OrderPaid cancelled(OrderPaid o, boolean confirmed) {
        return o.withLifecycle(new Lifecycle(confirmed, null, 1, now(), now()), o.lines())
                .as(OrderEvent.CANCELLED, null);
    }

    static OrderPaid refunded(OrderPaid o, OrderLine line) {
        List<OrderLine> lines = o.lines().stream().map(l -> l == line ? l.withRefunded(true) : l).toList();
        return o.withLifecycle(new Lifecycle(true, now(), 0, null, now()), lines)
                .as(OrderEvent.REFUNDED, line.lineId());
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(MallTime.ZONE).withNano(0).minusSeconds(10);
    }

    static void publish(OrderPaid... events) {
        STACK.publish(List.of(events));
    }

    /** Waits for {@code count} outcomes of this test's orders. */
    List<SyncOutcome> outcomes(int count) {
        try (TopicProbe probe = new TopicProbe(STACK.broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            List<ConsumerRecord<String, String>> records = probe.awaitMatching(
                    r -> r.key().contains(":" + prefix), count, PATIENCE);
            return records.stream().map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
        }
    }

    /** Every outcome of this test's orders there is after a quiet second. */
    List<SyncOutcome> outcomesSettled() {
        try (TopicProbe probe = new TopicProbe(STACK.broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            return probe.settle(Duration.ofSeconds(1)).stream().filter(r -> r.key().contains(":" + prefix))
                    .map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
        }
    }

    static Map<OrderEvent, SyncStatus> byEvent(List<SyncOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(SyncOutcome::event, SyncOutcome::status));
    }

    List<StoredOrder> stored() {
        return CRM.orders().stream().filter(o -> o.code().startsWith(prefix)).toList();
    }

    @Test
    void aPaidOrderReachesTheCrmOnlyOnceItIsConfirmed() {
        OrderPaid order = order("A");
        publish(paid(order));

        SyncOutcome atPayment = outcomes(1).get(0);
        assertThat(atPayment.event()).isEqualTo(OrderEvent.PAID);
        assertThat(atPayment.status()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(atPayment.reason()).startsWith("uploads on CONFIRMED");
        assertThat(stored()).isEmpty();

        publish(confirmed(order));

        assertThat(byEvent(outcomes(2))).isEqualTo(Map.of(OrderEvent.PAID, SyncStatus.SKIPPED,
                OrderEvent.CONFIRMED, SyncStatus.SYNCED));
        assertThat(stored()).extracting(StoredOrder::code).containsExactly(order.orderNo());
        assertThat(stored().get(0).originalCode()).isNull();
    }

    @Test
    void anOrderCancelledBeforeItsConfirmationNeverReachesTheCrm() {
        OrderPaid order = order("B");
        publish(paid(order), cancelled(order, false));

        List<SyncOutcome> outcomes = outcomes(2);
        assertThat(byEvent(outcomes)).isEqualTo(Map.of(OrderEvent.PAID, SyncStatus.SKIPPED,
                OrderEvent.CANCELLED, SyncStatus.SKIPPED));
        assertThat(outcomes.stream().filter(o -> o.event() == OrderEvent.CANCELLED).findFirst().orElseThrow().reason())
                .startsWith("cancelled before the upload");
        assertThat(outcomesSettled()).hasSize(2);
        assertThat(stored()).isEmpty();
    }

    @Test
    void aLineRefundedAfterTheConfirmationIsAReturnRowOfItsSale() {
        OrderPaid order = order("C");
        OrderLine line = order.lines().get(1);
        // published together: the batcher must not send the return in the sale's batch (the sandbox would refuse it)
        publish(paid(order), confirmed(order), refunded(order, line));

        List<SyncOutcome> outcomes = outcomes(3);
        assertThat(byEvent(outcomes)).isEqualTo(Map.of(OrderEvent.PAID, SyncStatus.SKIPPED,
                OrderEvent.CONFIRMED, SyncStatus.SYNCED, OrderEvent.REFUNDED, SyncStatus.SYNCED));
        assertThat(outcomes.stream().filter(o -> o.event() == OrderEvent.REFUNDED).findFirst().orElseThrow().line())
                .isEqualTo(line.lineId());
        assertSaleAndReturnOf(order, 1);
    }

    @Test
    void everyEventDeliveredTwiceLeavesTheCrmHoldingEachSaleAndReturnOnce() {
        OrderPaid order = order("D");
        OrderLine line = order.lines().get(0);
        List<OrderPaid> twice = new ArrayList<>();
        for (OrderPaid event : List.of(paid(order), confirmed(order), refunded(order, line))) {
            twice.add(event);
            twice.add(event);
        }
        STACK.publish(twice);

        outcomes(3);
        List<SyncOutcome> settled = outcomesSettled();
        assertThat(settled).as("one outcome per event").hasSize(3);
        assertThat(byEvent(settled)).isEqualTo(Map.of(OrderEvent.PAID, SyncStatus.SKIPPED,
                OrderEvent.CONFIRMED, SyncStatus.SYNCED, OrderEvent.REFUNDED, SyncStatus.SYNCED));
        assertSaleAndReturnOf(order, 0);
        assertThat(CRM.stats().doubleCreations()).isZero();
    }

    @Test
    void aCancellationAfterALineRefundReturnsTheRestSoTheCrmNetsToNothing() {
        OrderPaid order = order("E");
        publish(paid(order), confirmed(order), refunded(order, order.lines().get(0)), cancelled(order, true));

        assertThat(byEvent(outcomes(4))).isEqualTo(Map.of(OrderEvent.PAID, SyncStatus.SKIPPED,
                OrderEvent.CONFIRMED, SyncStatus.SYNCED, OrderEvent.REFUNDED, SyncStatus.SYNCED,
                OrderEvent.CANCELLED, SyncStatus.SYNCED));
        List<StoredOrder> held = stored();
        assertThat(held).hasSize(3);
        assertThat(held.stream().filter(StoredOrder::isReturn).map(StoredOrder::originalCode))
                .containsOnly(order.orderNo()).hasSize(2);
        Map<String, Long> qty = new HashMap<>();
        Map<String, BigDecimal> money = new HashMap<>();
        for (StoredOrder o : held) {
            for (var row : o.order().get("Dtls")) {
                qty.merge(row.get("BarCode").stringValue(), row.get("Quantity").longValue(), Long::sum);
                money.merge(row.get("BarCode").stringValue(), row.get("Amount").decimalValue(),
                        BigDecimal::add);
            }
        }
        assertThat(qty.values()).as("quantity per BarCode").containsOnly(0L);
        money.values().forEach(m -> assertThat(m).as("money per BarCode").isZero());
    }

    /** The CRM holds the sale once and one return row of {@code lineIndex}: its figures negated. */
    private void assertSaleAndReturnOf(OrderPaid order, int lineIndex) {
        List<StoredOrder> held = stored();
        assertThat(held).hasSize(2);
        StoredOrder sale = held.stream().filter(o -> !o.isReturn()).findFirst().orElseThrow();
        StoredOrder back = held.stream().filter(StoredOrder::isReturn).findFirst().orElseThrow();
        assertThat(sale.code()).isEqualTo(order.orderNo());
        assertThat(back.code()).isNotEqualTo(sale.code()).hasSizeLessThanOrEqualTo(26);
        assertThat(back.originalCode()).isEqualTo(sale.code());
        var row = sale.order().get("Dtls").get(lineIndex);
        var returned = back.order().get("Dtls");
        assertThat(returned).hasSize(1);
        assertThat(returned.get(0).get("BarCode").stringValue()).isEqualTo(row.get("BarCode").stringValue());
        assertThat(returned.get(0).get("Quantity").intValue()).isEqualTo(-row.get("Quantity").intValue());
        assertThat(returned.get(0).get("Amount").decimalValue())
                .isEqualByComparingTo(row.get("Amount").decimalValue().negate());
        assertThat(back.order().get("TotalQty").intValue()).isNegative();
        assertThat(back.order().get("TotalMoney").decimalValue()).isNegative();
        assertThat(back.order().get("PayAmount").decimalValue()).isNegative();
    }
}
