package com.mallsync.membersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.runtime.UnreadableSource;
import com.mallsync.sandbox.crm.CrmFaults;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Issue 14, "no bad record stops a consumer", against a real broker and the CRM sandbox over HTTP: poison records
 * on orders.paid.v1 are each REJECTED + DLT with a reason while the orders behind them sync and readiness stays UP;
 * a CRM that stalls mid-body or answers 10 MB costs bounded calls only; a loop that dies turns readiness DOWN.
 * The tests run in order: the last one kills the loop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberSyncPoisonIT {

    static final Duration PATIENCE = KafkaTestBroker.PATIENCE;
    static final Duration DEADLINE = Duration.ofSeconds(3); // ItStack's request-timeout
    static final String INSTANCE = "it-poison-" + UUID.randomUUID();
    static final ItStack STACK = ItStack.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        STACK.register(registry, Duration.ofMillis(300));
        registry.add("member-sync.consumer.group-instance-id", () -> INSTANCE);
        registry.add("member-sync.consumer.exit-after-failure", () -> "-1s");
    }

    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationAvailability availability;
    @Autowired
    @Qualifier("consumerLoop")
    HealthIndicator consumerLoop;

    final String prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @AfterAll
    static void close() {
        STACK.closeAfterTheService();
    }

    @Test
    @Order(1)
    void eachPoisonRecordIsRejectedAndDeadLetteredWithItsReasonAndTheOrdersBehindItAreDelivered() throws Exception {
        List<OrderPaid> before = orders("B", 5);
        STACK.publish(before);
        Map<String, String> poison = MemberSyncPoison.values(TestOrders.fresh(222, prefix + "P-TEMPLATE"));
        Map<String, String> kindByKey = new HashMap<>();
        java.util.Set<String> readable = new java.util.HashSet<>();
        Map<String, RecordMetadata> where = new HashMap<>();
        int n = 0;
        for (Map.Entry<String, String> p : poison.entrySet()) {
            String orderNo = prefix + "P" + n++;
            // a readable poison keeps its own eventId (the template's), so give it this order's
            String value = p.getValue() == null ? null : p.getValue().replace(prefix + "P-TEMPLATE", orderNo)
                    .replace(OrderPaid.eventIdFor(222, prefix + "P-TEMPLATE").toString(),
                            OrderPaid.eventIdFor(222, orderNo).toString());
            String key = "222:" + orderNo;
            kindByKey.put(key, p.getKey());
            if (MemberSyncPoison.parses(value)) {
                readable.add(key);
            }
            where.put(key, STACK.producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, key, value)).get());
        }
        List<OrderPaid> after = orders("A", 5);
        STACK.publish(after);

        List<String> keys = new ArrayList<>(kindByKey.keySet());
        before.forEach(o -> keys.add(o.key()));
        after.forEach(o -> keys.add(o.key()));
        Map<String, List<SyncOutcome>> outcomes = outcomesOf(keys);
        kindByKey.forEach((key, kind) -> {
            assertThat(outcomes.get(key)).as(kind).hasSize(1);
            SyncOutcome o = outcomes.get(key).get(0);
            assertThat(o.status()).as(kind).isEqualTo(SyncStatus.REJECTED);
            assertThat(o.reason()).as(kind).isNotBlank().hasSizeLessThanOrEqualTo(500);
            assertThat(o.attempts()).as(kind + ": never sent").isZero();
            RecordMetadata at = where.get(key);
            assertThat(o.eventId()).as(kind).isEqualTo(readable.contains(key)
                    ? OrderPaid.eventIdFor(222, key.substring(4))
                    : UnreadableSource.eventId(at.topic(), at.partition(), at.offset()));
            System.out.printf("member-sync poison %-28s -> %s: %s%n", kind, o.status(), o.reason());
        });
        before.forEach(o -> assertThat(outcomes.get(o.key())).extracting(SyncOutcome::status)
                .containsExactly(SyncStatus.SYNCED));
        after.forEach(o -> assertThat(outcomes.get(o.key())).as("an order behind the poison")
                .extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED));

        Map<String, ConsumerRecord<String, String>> dead = deadLetters().stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> r, (a, b) -> b));
        kindByKey.forEach((key, kind) -> {
            assertThat(dead).as(kind).containsKey(key);
            assertThat(ItStack.header(dead.get(key), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).as(kind).isNotBlank();
            assertThat(ItStack.header(dead.get(key), "mallsync_sync_status")).isEqualTo("REJECTED");
        });
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(consumerLoop.health().getStatus()).isEqualTo(Status.UP);
        System.out.printf("member-sync poison records: %d sent, %d REJECTED + DLT, %d orders around them SYNCED, "
                + "consumer loop %s%n", kindByKey.size(), kindByKey.size(), before.size() + after.size(),
                consumerLoop.health().getStatus());
    }

    @Test
    @Order(2)
    void aCrmThatStallsMidBodyOrAnswersTenMegabytesCostsBoundedCallsAndTheOrdersSyncOnceItIsWell() {
        OrderPaid stalled = TestOrders.fresh(222, prefix + "STALL");
        OrderPaid huge = TestOrders.fresh(333, prefix + "HUGE");
        long faultsBefore = STACK.crm.stats().faultReplies();
        STACK.crm.setFaults(CrmFaults.NONE.withTimeout(0, 120_000).withStallCodes(List.of(stalled.orderNo()))
                .withHugeCodes(List.of(huge.orderNo())));
        long start = System.nanoTime();
        // each in a batch of its own (linger 300 ms), and other orders keep flowing meanwhile in other batches
        STACK.publish(List.of(stalled));
        sleep(Duration.ofMillis(600));
        STACK.publish(List.of(huge));
        sleep(Duration.ofMillis(600));
        List<OrderPaid> others = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            List<OrderPaid> more = List.of(TestOrders.fresh(round % 2 == 0 ? 222 : 333, prefix + "O" + round));
            others.addAll(more);
            STACK.publish(more);
            sleep(Duration.ofMillis(700));
        }
        await().atMost(PATIENCE).until(() -> STACK.crm.stats().faultReplies() - faultsBefore >= 4);
        // The other orders' calls go on while the bad ones stall. Their outcomes wait, in the transaction, for every
        // record below them on their partition (README, "What covers what"), so they are read after the faults.
        await().atMost(PATIENCE).until(() -> others.stream().allMatch(o -> STACK.crm.orders().stream()
                .anyMatch(stored -> stored.code().equals(o.orderNo()))));
        STACK.crm.setFaults(CrmFaults.NONE);
        Map<String, List<SyncOutcome>> flowing = outcomesOf(others.stream().map(OrderPaid::key).toList());
        others.forEach(o -> assertThat(flowing.get(o.key())).extracting(SyncOutcome::status)
                .containsExactly(SyncStatus.SYNCED));

        Map<String, List<SyncOutcome>> outcomes = outcomesOf(List.of(stalled.key(), huge.key()));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(outcomes.get(stalled.key())).extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED);
        assertThat(outcomes.get(huge.key())).extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED);
        double longestFailedCallMs = meters.get("member_sync.crm.requests").tag("result", "unavailable").timer()
                .max(TimeUnit.MILLISECONDS);
        assertThat(longestFailedCallMs).as("every call bounded by the deadline (plus scheduling on a loaded machine)")
                .isLessThan(DEADLINE.toMillis() + 5_000);
        assertThat(STACK.crm.stats().doubleCreations()).isZero();
        System.out.printf("member-sync stall + 10 MB: %d bad replies, longest failed call %.0f ms (deadline %d ms), "
                + "%d other orders stored meanwhile (SYNCED after), both orders SYNCED after %d ms%n",
                STACK.crm.stats().faultReplies() - faultsBefore, longestFailedCallMs, DEADLINE.toMillis(),
                others.size(), tookMs);
    }

    @Test
    @Order(3)
    void aPollLoopThatDiesTurnsReadinessDown() {
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        // A second member with the same group.instance.id fences ours: FencedInstanceIdException, fatal to it.
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, Topics.MEMBER_SYNC_GROUP,
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, INSTANCE,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, String> usurper = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            usurper.subscribe(List.of(Topics.ORDERS_PAID));
            await().atMost(PATIENCE).until(() -> {
                usurper.poll(Duration.ofMillis(200));
                return availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC;
            });
        }
        assertThat(consumerLoop.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(consumerLoop.health().getDetails().get("cause").toString()).contains("Fenced");
        System.out.printf("member-sync loop fenced: readiness %s, consumerLoop %s%n",
                availability.getReadinessState(), consumerLoop.health().getStatus());
    }

    private List<OrderPaid> orders(String tag, int n) {
        List<OrderPaid> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            orders.add(TestOrders.fresh(i % 2 == 0 ? 222 : 333, prefix + tag + i));
        }
        return orders;
    }

    /** Waits for an outcome of every key, then returns all of theirs after a quiet second, by key. */
    static Map<String, List<SyncOutcome>> outcomesOf(List<String> keys) {
        try (TopicProbe probe = new TopicProbe(STACK.broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            await().atMost(PATIENCE).until(() -> probe.poll().stream().map(ConsumerRecord::key)
                    .filter(keys::contains).distinct().count() == keys.size());
            return probe.settle(Duration.ofSeconds(1)).stream().filter(r -> keys.contains(r.key()))
                    .map(r -> Json.read(r.value(), SyncOutcome.class))
                    .collect(Collectors.groupingBy(SyncOutcome::key));
        }
    }

    static List<ConsumerRecord<String, String>> deadLetters() {
        try (TopicProbe probe = new TopicProbe(STACK.broker.bootstrapServers(), Topics.MEMBER_SYNC_DLT)) {
            return probe.settle(Duration.ofSeconds(1));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
