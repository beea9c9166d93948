package com.mallsync.membersync;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.sandbox.crm.CrmFaults;
import com.mallsync.sandbox.crm.CrmSandbox;
import com.mallsync.sandbox.crm.StoredOrder;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against a real broker and the CRM sandbox over real HTTP.
 * The outage lasts {@code -Dit.outage=30s} (the figure) or 8 s by default, to spare the shared CI machine:
 * what is checked (paused, nothing dead-lettered, all synced after) does not depend on its length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MemberSyncIT {

    static final Duration LINGER = Duration.ofSeconds(1);
    static final Duration PATIENCE = KafkaTestBroker.PATIENCE;
    static final ItStack STACK = ItStack.start();
    static final KafkaTestBroker BROKER = STACK.broker;
    static final CrmSandbox CRM = STACK.crm;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STACK.register(registry, LINGER);
        registry.add("member-sync.shops.444.shop-code", () -> "SHOPCODE-17-CHARS");
    }

    @Autowired
    MeterRegistry meters;
    @Autowired
    CircuitBreaker breaker;

    String prefix;

    @BeforeEach
    void fresh() {
        CRM.reset();
        prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @AfterAll
    static void close() {
        STACK.closeAfterTheService();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    String no(int i) {
        return prefix + String.format("%05d", i);
    }

    static void publish(List<OrderPaid> orders) {
        STACK.publish(orders);
    }

    List<OrderPaid> orders(long mallId, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> TestOrders.fresh(mallId, no(i))).toList();
    }

    /** Waits for {@code count} outcomes of this test's orders. */
    List<SyncOutcome> outcomes(int count) {
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            List<ConsumerRecord<String, String>> records = probe.awaitMatching(
                    r -> r.key().contains(":" + prefix), count, PATIENCE);
            List<SyncOutcome> outcomes = records.stream().map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
            assertThat(outcomes).as("outcomes of this test").hasSize(count);
            return outcomes;
        }
    }

    /** Every outcome of this test's orders there is after a quiet second. */
    List<SyncOutcome> outcomesSettled() {
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            return probe.settle(Duration.ofSeconds(1)).stream().filter(r -> r.key().contains(":" + prefix))
                    .map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
        }
    }

    double skipped() {
        return meters.find("member_sync.redelivered.skipped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    List<ConsumerRecord<String, String>> deadLetters(Duration quiet) {
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.MEMBER_SYNC_DLT)) {
            return probe.settle(quiet).stream().filter(r -> r.key().contains(":" + prefix)).toList();
        }
    }

    static Map<SyncStatus, Long> byStatus(List<SyncOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(SyncOutcome::status, Collectors.counting()));
    }

    List<StoredOrder> stored() {
        return CRM.orders().stream().filter(o -> o.code().startsWith(prefix)).toList();
    }

    // ---- batching -----------------------------------------------------------------------------------------------

    @Test
    void aHundredOrdersGoInOneRequest() {
        publish(orders(222, 0, 100));

        assertThat(byStatus(outcomes(100))).isEqualTo(Map.of(SyncStatus.SYNCED, 100L));
        assertThat(CRM.stats().requests()).isEqualTo(1);
        assertThat(stored()).hasSize(100);
    }

    @Test
    void twoHundredFiftyOrdersGoInThreeRequests() {
        publish(orders(222, 0, 250));

        List<SyncOutcome> outcomes = outcomes(250);
        assertThat(byStatus(outcomes)).isEqualTo(Map.of(SyncStatus.SYNCED, 250L));
        assertThat(CRM.stats().requests()).isEqualTo(3);
        assertThat(stored().stream().collect(Collectors.groupingBy(StoredOrder::requestNo, Collectors.counting()))
                .values()).containsExactlyInAnyOrder(100L, 100L, 50L);
        assertThat(outcomes.stream().map(SyncOutcome::externalRef).distinct()).hasSize(3);
    }

    @Test
    void twoShopCodesGoInSeparateRequests() {
        List<OrderPaid> both = new ArrayList<>(orders(222, 0, 10));
        both.addAll(orders(333, 10, 10));
        publish(both);

        assertThat(byStatus(outcomes(20))).isEqualTo(Map.of(SyncStatus.SYNCED, 20L));
        assertThat(CRM.stats().requests()).isEqualTo(2);
        Map<Long, Set<String>> shopsPerRequest = stored().stream().collect(Collectors.groupingBy(StoredOrder::requestNo,
                Collectors.mapping(StoredOrder::shopCode, Collectors.toSet())));
        assertThat(shopsPerRequest.values()).containsExactlyInAnyOrder(Set.of("MALL222"), Set.of("MALL333"));
    }

    @Test
    void aLoneOrderIsSentWithinLingerPlusOneSecond() {
        publish(orders(222, 0, 1)); // warm-up: the consumer is assigned and idle afterwards
        outcomes(1);
        CRM.reset();

        long start = System.nanoTime();
        publish(List.of(TestOrders.fresh(222, no(1))));
        await().atMost(LINGER.plusSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> stored().size() == 1);
        System.out.printf("lone order stored %d ms after it was published (linger %d ms)%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), LINGER.toMillis());
    }

    @Test
    void withUploadOnPaidTheSaleGoesAtPaymentAndTheConfirmationIsSkipped() {
        OrderPaid order = TestOrders.fresh(222, no(1));
        publish(List.of(order));
        assertThat(outcomes(1).get(0).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(stored()).hasSize(1);

        OrderPaid confirmed = order.withLifecycle(new Lifecycle(true, null, 0, null, null),
                order.lines()).as(OrderEvent.CONFIRMED, null);
        publish(List.of(confirmed));

        List<SyncOutcome> both = outcomes(2);
        SyncOutcome second = both.stream().filter(o -> o.event() == OrderEvent.CONFIRMED)
                .findFirst().orElseThrow();
        assertThat(second.status()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(second.reason()).startsWith("uploads on PAID");
        assertThat(stored()).hasSize(1);
    }

    // ---- rules --------------------------------------------------------------------------------------------------

    @Test
    void oneBadOrderInABatchOfFiftyIsRejectedAndNeverSentWhileTheOthersSync() {
        List<OrderPaid> batch = new ArrayList<>(orders(222, 0, 50));
        OrderPaid bad = TestOrders.withLines(batch.get(17), lines -> List.of());
        batch.set(17, bad);
        publish(batch);

        List<SyncOutcome> outcomes = outcomes(50);
        assertThat(byStatus(outcomes)).isEqualTo(Map.of(SyncStatus.SYNCED, 49L, SyncStatus.REJECTED, 1L));
        SyncOutcome rejected = outcomes.stream().filter(o -> o.status() == SyncStatus.REJECTED).findFirst().orElseThrow();
        assertThat(rejected.orderNo()).isEqualTo(bad.orderNo());
        assertThat(rejected.reason()).contains("商品明细不能为空");
        assertThat(rejected.attempts()).isZero();
        assertThat(stored()).extracting(StoredOrder::code).hasSize(49).doesNotContain(bad.orderNo());
        assertThat(CRM.stats().rejected()).as("the CRM never saw it").isZero();
        List<ConsumerRecord<String, String>> dlt = deadLetters(Duration.ofSeconds(1));
        assertThat(dlt).hasSize(1);
        assertThat(dlt.get(0).key()).isEqualTo(bad.key());
        assertThat(Json.read(dlt.get(0).value(), OrderPaid.class).eventId()).isEqualTo(bad.eventId());
        assertThat(ItStack.header(dlt.get(0), "kafka_dlt-exception-message")).contains("商品明细不能为空");
        assertThat(ItStack.header(dlt.get(0), "kafka_dlt-original-topic")).isEqualTo(Topics.ORDERS_PAID);
    }

    @Test
    void eachRuleAndLengthBrokenOnceIsRejectedAndNeverSent() {
        OrderPaid base = TestOrders.fresh(222, no(0));
        OffsetDateTime yearAgo = OffsetDateTime.now(MallTime.ZONE).minusYears(1).minusDays(1);
        OrderLine line = base.lines().get(0);
        Buyer b = base.buyer();
        Map<String, OrderPaid> broken = new java.util.LinkedHashMap<>();
        broken.put("saleTime必须在一年以内", TestOrders.withTimes(TestOrders.fresh(222, no(1)), yearAgo, yearAgo));
        // a member mark-up: list 4.00, member_discount_price -1.00, total_price 5.00; paid 5.00 + freight 2.00
        OrderPaid markedUp = TestOrders.withLines(TestOrders.fresh(222, no(2)), l -> List.of(
                TestOrders.line(1, 2, "6901", 1, "4.00", "4.00", "5.00", "-1.00")));
        OrderAmounts a = markedUp.amounts();
        broken.put("1.4 DiscountMoney不能小于0", TestOrders.withAmounts(markedUp, new OrderAmounts(new BigDecimal("7.00"),
                new BigDecimal("7.00"), new BigDecimal("5.00"), new BigDecimal("4.00"), a.freight(), a.freightOriginal(),
                new BigDecimal("-1.00"), a.couponDiscount(), a.couponId(), a.pointsDeduction(), a.pointsUsed(),
                a.backPrice())));
        // a sale line with a negative quantity is not a return: the mall's figures cannot be a paid order
        broken.put("mall money: detail[0].num -1 is not a positive quantity", TestOrders.withLines(
                TestOrders.fresh(222, no(3)), l -> List.of(TestOrders.line(1, 2, "6901", -1, "1.00", "1.00", "1.00", "0.00"))));
        broken.put("商品明细不能为空", TestOrders.withLines(TestOrders.fresh(222, no(4)), l -> List.of()));
        broken.put("Code has 27", TestOrders.fresh(222, no(5) + "X".repeat(27 - no(5).length())));
        broken.put("BuyerCode has 33", TestOrders.withBuyer(TestOrders.fresh(222, no(6)), new Buyer(b.userId(), b.name(),
                b.mobile(), b.address(), b.addressId(), b.nickname(), "U".repeat(33), b.userMobile())));
        broken.put("BarCode has 31", TestOrders.withLines(TestOrders.fresh(222, no(10)), l -> List.of(new OrderLine(
                line.lineId(), line.goodsId(), line.skuId(), line.goodsNo(), line.skuNo(), "9".repeat(31), line.name(),
                line.attributes(), 1, line.unitPrice(), line.originalTotal(), line.paidTotal(), line.memberDiscount(), null))));
        broken.put("ShopCode has 17", TestOrders.fresh(444, no(11)));
        broken.put("no 2030 channel configured for mall 555", TestOrders.fresh(555, no(12)));
        // over-long free text is cut and an over-long mobile left out (one policy for both targets): these sync
        List<OrderPaid> cut = List.of(
                TestOrders.withBuyer(TestOrders.fresh(222, no(7)), new Buyer(b.userId(), "名".repeat(33), b.mobile(),
                        b.address(), b.addressId(), b.nickname(), b.unionid(), b.userMobile())),
                TestOrders.withBuyer(TestOrders.fresh(222, no(8)), new Buyer(b.userId(), b.name(), "1".repeat(17),
                        b.address(), b.addressId(), b.nickname(), b.unionid(), b.userMobile())),
                TestOrders.withBuyer(TestOrders.fresh(222, no(9)), new Buyer(b.userId(), b.name(), b.mobile(),
                        "地".repeat(129), b.addressId(), b.nickname(), b.unionid(), b.userMobile())));
        List<OrderPaid> all = new ArrayList<>(broken.values());
        all.addAll(cut);
        all.add(base);
        publish(all);

        List<SyncOutcome> outcomes = outcomes(all.size());
        assertThat(byStatus(outcomes)).isEqualTo(Map.of(SyncStatus.SYNCED, 1L + cut.size(),
                SyncStatus.REJECTED, (long) broken.size()));
        broken.forEach((rule, order) -> assertThat(outcomes).as(rule).anySatisfy(o -> {
            assertThat(o.orderNo()).isEqualTo(order.orderNo());
            assertThat(o.status()).isEqualTo(SyncStatus.REJECTED);
            assertThat(o.reason()).contains(rule);
        }));
        assertThat(stored()).extracting(StoredOrder::code).containsExactlyInAnyOrder(base.orderNo(),
                cut.get(0).orderNo(), cut.get(1).orderNo(), cut.get(2).orderNo());
        assertThat(CRM.stats().rejected()).isZero();
        assertThat(deadLetters(Duration.ofSeconds(1))).hasSize(broken.size());
    }

    @Test
    void anOrderTheCrmRefusesIsIsolatedBySplittingAndTheRestSync() {
        List<OrderPaid> batch = orders(222, 0, 50);
        String refused = batch.get(31).orderNo();
        CRM.setFaults(CrmFaults.NONE.withRejectCodes(List.of(refused)));
        publish(batch);

        List<SyncOutcome> outcomes = outcomes(50);
        assertThat(byStatus(outcomes)).isEqualTo(Map.of(SyncStatus.SYNCED, 49L, SyncStatus.REJECTED, 1L));
        assertThat(outcomes).filteredOn(o -> o.status() == SyncStatus.REJECTED).singleElement()
                .satisfies(o -> assertThat(o.orderNo()).isEqualTo(refused))
                .satisfies(o -> assertThat(o.reason()).contains("business reason"));
        assertThat(stored()).hasSize(49);
        assertThat(deadLetters(Duration.ofSeconds(1))).hasSize(1);
    }

    // ---- redelivery ---------------------------------------------------------------------------------------------

    @Test
    void theSameEventTwiceGivesOneOrderInTheCrmAndOneOutcome() {
        double skippedBefore = skipped();
        OrderPaid order = TestOrders.fresh(222, no(0));
        publish(List.of(order, order));                          // both in one batch: the twin gets no outcome
        await().atMost(PATIENCE).until(() -> skipped() >= skippedBefore + 1);
        publish(List.of(order));                                 // again after it was synced: skipped before sending
        await().atMost(PATIENCE).until(() -> skipped() >= skippedBefore + 2);

        // issue 4: "the same event delivered twice → one order in the sandbox, outcome DUPLICATE or SYNCED once"
        assertThat(outcomesSettled()).extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED);
        assertThat(stored()).hasSize(1);
        assertThat(CRM.stats().requests()).as("no second 2030 call").isEqualTo(1);
        assertThat(CRM.stats().doubleCreations()).isZero();
    }

    @Test
    void aRejectedOrderRedeliveredIsSkippedButReplayedFromTheDltIsSentAgain() {
        OrderPaid order = TestOrders.fresh(222, no(0));
        CRM.setFaults(CrmFaults.NONE.withRejectCodes(List.of(order.orderNo())));
        publish(List.of(order));
        assertThat(outcomes(1)).extracting(SyncOutcome::status).containsExactly(SyncStatus.REJECTED);
        ConsumerRecord<String, String> dead = deadLetters(Duration.ofSeconds(1)).get(0);
        CRM.setFaults(CrmFaults.NONE);                           // the cause is fixed
        long requests = CRM.stats().requests();

        double skippedBefore = skipped();
        publish(List.of(order));                                 // a plain redelivery: its REJECTED stands
        await().atMost(PATIENCE).until(() -> skipped() >= skippedBefore + 1);
        assertThat(CRM.stats().requests()).as("the redelivery called nobody").isEqualTo(requests);

        // what the ops console's replay sends: the dead letter's key and value with the replay header
        ProducerRecord<String, String> replay = new ProducerRecord<>(Topics.ORDERS_PAID, dead.key(), dead.value());
        replay.headers().add(RecordHeaders.REPLAYED_FROM, "dlt/0/0".getBytes(StandardCharsets.UTF_8));
        STACK.producer.send(replay);
        STACK.producer.flush();

        assertThat(outcomes(2)).extracting(SyncOutcome::status).containsExactly(SyncStatus.REJECTED, SyncStatus.SYNCED);
        assertThat(stored()).extracting(StoredOrder::code).containsExactly(order.orderNo());
    }

    // ---- outage -------------------------------------------------------------------------------------------------

    @Test
    void aCrmOutagePausesTheConsumerDeadLettersNothingAndEverythingSyncsAfter() throws Exception {
        Duration outage = Duration.parse("PT" + System.getProperty("it.outage", "8s").toUpperCase());
        CRM.setFaults(CrmFaults.NONE.withDown(true));
        publish(orders(222, 0, 30));

        await().atMost(PATIENCE).until(() -> breaker.getState() == CircuitBreaker.State.OPEN
                || breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        await().atMost(PATIENCE).until(() -> meters.get("member_sync.consumer.paused").gauge().value() == 2.0);
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "crm").tag("state", "open")
                .gauge().value()).as("breaker state through resilience4j's Micrometer binding").isEqualTo(1.0);
        publish(orders(222, 30, 30));                            // arrives while paused: lag grows
        await().atMost(PATIENCE).until(() -> lag() >= 30);
        long outageStart = System.nanoTime();
        while (System.nanoTime() - outageStart < outage.toNanos()) {
            assertThat(deadLetters(Duration.ofMillis(500))).as("nothing dead-lettered during the outage").isEmpty();
        }
        assertThat(CRM.stats().faultReplies()).isPositive();
        CRM.setFaults(CrmFaults.NONE);

        List<SyncOutcome> outcomes = outcomes(60);
        assertThat(byStatus(outcomes)).isEqualTo(Map.of(SyncStatus.SYNCED, 60L));
        assertThat(stored()).hasSize(60);
        assertThat(deadLetters(Duration.ofSeconds(1))).isEmpty();
        await().atMost(PATIENCE).until(() -> lag() == 0);
        // It may stay HALF_OPEN until enough trial calls were made (2 by default): what matters is it lets calls
        // through again and fetching has resumed by itself.
        assertThat(breaker.getState()).isIn(CircuitBreaker.State.CLOSED, CircuitBreaker.State.HALF_OPEN);
        await().atMost(PATIENCE).until(() -> meters.get("member_sync.consumer.paused").gauge().value() == 0.0);
    }

    @Test
    void aSingleSlowCallIsRetriedWithoutOpeningTheBreaker() {
        List<CircuitBreaker.State> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition().getToState()));
        CRM.setFaults(CrmFaults.NONE.withTimeout(1.0, 4_000));   // longer than member-sync.crm.request-timeout (3 s)
        publish(orders(222, 0, 1));
        await().atMost(PATIENCE).until(() -> CRM.stats().faultReplies() >= 1);
        CRM.setFaults(CrmFaults.NONE);

        SyncOutcome outcome = outcomes(1).get(0);
        assertThat(outcome.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(outcome.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(stored()).hasSize(1);
        assertThat(transitions).as("breaker transitions").doesNotContain(CircuitBreaker.State.OPEN);
        assertThat(deadLetters(Duration.ofMillis(500))).isEmpty();
    }

    /** Records of orders.paid.v1 not yet committed by group member-sync. */
    static long lag() throws Exception {
        return lag(BROKER);
    }

    static long lag(KafkaTestBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets(Topics.MEMBER_SYNC_GROUP).partitionsToOffsetAndMetadata().get();
            var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp,
                    tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
            return committed.entrySet().stream().mapToLong(e -> ends.get(e.getKey()).offset()
                    - (e.getValue() == null ? 0 : e.getValue().offset())).sum();
        }
    }
}
