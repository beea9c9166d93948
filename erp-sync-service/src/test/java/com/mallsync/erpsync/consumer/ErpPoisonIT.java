package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedEntry;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.UnreadableSource;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;

/**
 * Issue 14, "no bad record stops a consumer", at erp-sync against a real broker and the ERP sandbox over HTTP:
 * topic misconfiguration refuses the start; poison records are each REJECTED + DLT while the orders behind them
 * sync; unreadable ledger and outcome values are skipped and counted; an ERP that stalls mid-body or answers 10 MB
 * costs bounded calls; a loop that dies turns readiness DOWN. In order: the last test kills the loop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErpPoisonIT {

    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final String INSTANCE = "it-erp-poison-" + UUID.randomUUID();

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext service;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        producer = ItSupport.producer(broker);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        producer.close();
        sandbox.close();
        broker.close();
    }

    @Test
    @Order(0)
    void aLedgerThatIsNotCompactedOrTooFewReplicasRefuseTheStartWithAClearMessage() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("it.ledger.deleted", Optional.of(1), Optional.empty())))
                    .all().get();
        }
        assertThatThrownBy(() -> ItSupport.service(broker, sandbox, Map.of("erp-sync.topics.synced",
                "it.ledger.deleted", "erp-sync.consumer.exit-after-failure", "-1s")))
                .rootCause().hasMessageContaining("erp-sync refuses to start")
                .hasMessageContaining("it.ledger.deleted has cleanup.policy=delete but must be compacted");
        assertThatThrownBy(() -> ItSupport.service(broker, sandbox, Map.of(
                "erp-sync.topics.min-replication-factor", 3, "erp-sync.consumer.exit-after-failure", "-1s")))
                .rootCause().hasMessageContaining("replication factor 1, below the minimum 3");
        System.out.println("erp-sync topic misconfiguration: 2 attempts, 2 refused to start");

        service = ItSupport.service(broker, sandbox, Map.of(
                "erp-sync.consumer.group-instance-id", INSTANCE,
                "erp-sync.consumer.exit-after-failure", "-1s",
                "erp-sync.erp.request-timeout", DEADLINE.toMillis() + "ms"));
    }

    @Test
    @Order(1)
    void eachPoisonRecordIsRejectedAndDeadLetteredWithItsReasonAndTheOrdersBehindItAreDelivered() throws Exception {
        List<OrderPaid> before = orders("PB-", 4);
        ItSupport.publish(producer, Topics.ORDERS_PAID, before);
        OrderPaid template = ItSupport.order("PTEMPLATE");
        Map<String, String> kindByKey = new HashMap<>();
        Set<String> readable = new HashSet<>();
        Map<String, RecordMetadata> where = new HashMap<>();
        int n = 0;
        for (Map.Entry<String, String> p : com.mallsync.erpsync.ErpPoison.values(template).entrySet()) {
            String orderNo = "PP" + n++;
            String value = p.getValue() == null ? null : p.getValue().replace("PTEMPLATE", orderNo)
                    .replace(template.eventId().toString(), OrderPaid.eventIdFor(222, orderNo).toString());
            String key = "222:" + orderNo;
            kindByKey.put(key, p.getKey());
            if (com.mallsync.erpsync.ErpPoison.parses(value)) {
                readable.add(key);
            }
            where.put(key, producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, key, value)).get());
        }
        List<OrderPaid> after = orders("PA-", 4);
        ItSupport.publish(producer, Topics.ORDERS_PAID, after);

        Set<String> keys = new HashSet<>(kindByKey.keySet());
        before.forEach(o -> keys.add(o.key()));
        after.forEach(o -> keys.add(o.key()));
        Map<String, List<SyncOutcome>> outcomes = outcomesOf(keys);
        kindByKey.forEach((key, kind) -> {
            assertThat(outcomes.get(key)).as(kind).hasSize(1);
            SyncOutcome o = outcomes.get(key).get(0);
            assertThat(o.status()).as(kind).isEqualTo(SyncStatus.REJECTED);
            assertThat(o.reason()).as(kind).isNotBlank().hasSizeLessThanOrEqualTo(500);
            RecordMetadata at = where.get(key);
            assertThat(o.eventId()).as(kind).isEqualTo(readable.contains(key)
                    ? OrderPaid.eventIdFor(222, key.substring(4))
                    : UnreadableSource.eventId(at.topic(), at.partition(), at.offset()));
            System.out.printf("erp-sync poison %-28s -> %s: %s%n", kind, o.status(), o.reason());
        });
        before.forEach(o -> assertThat(outcomes.get(o.key())).extracting(SyncOutcome::status)
                .containsExactly(SyncStatus.SYNCED));
        after.forEach(o -> assertThat(outcomes.get(o.key())).as("an order behind the poison")
                .extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED));
        Map<String, ConsumerRecord<String, String>> dead;
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ERP_SYNC_DLT)) {
            dead = probe.settle(Duration.ofSeconds(1)).stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, r -> r, (a, b) -> b));
        }
        kindByKey.forEach((key, kind) -> {
            assertThat(dead).as(kind).containsKey(key);
            assertThat(header(dead.get(key), RecordHeaders.SYNC_STATUS)).isEqualTo("REJECTED");
            assertThat(header(dead.get(key), RecordHeaders.DLT_EXCEPTION_MESSAGE)).as(kind).isNotBlank();
        });
        assertReady();
        System.out.printf("erp-sync poison records: %d sent, %d REJECTED + DLT, %d orders around them SYNCED%n",
                kindByKey.size(), kindByKey.size(), before.size() + after.size());
    }

    @Test
    @Order(2)
    void unreadableLedgerAndOutcomeValuesAreSkippedWithAMetricAndTheTailsGoOn() throws Exception {
        String ledger = ErpSyncProperties.SYNCED_TOPIC;
        producer.send(new ProducerRecord<>(ledger, "222:BAD-1", "not json {")).get();
        producer.send(new ProducerRecord<>(ledger, "222:BAD-2", "{\"eventId\":\"not-a-uuid\"}")).get();
        producer.send(new ProducerRecord<>(ledger, "222:BAD-3", "{}")).get();
        producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, "222:BAD-3", "[]")).get();
        MeterRegistry meters = service.getBean(MeterRegistry.class);
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> skipped(meters, ledger) == 3
                && skipped(meters, Topics.ORDERS_OUTCOMES) >= 1);

        // The ledger tail still reads: an entry written after the bad ones answers its order without an ERP call.
        OrderPaid known = ItSupport.order("P-LEDGER-AFTER-BAD");
        producer.send(new ProducerRecord<>(ledger, known.key(), Json.writeString(
                new SyncedEntry(known.eventId(), "ERP-FROM-LEDGER", 1, Instant.now())))).get();
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> service.getBean(
                com.mallsync.erpsync.ledger.SyncedLedger.class).find(known.key()).isPresent());
        long requests = sandbox.stats().requests();
        OrderPaid fresh = ItSupport.order("P-AFTER-BAD");
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(known, fresh));
        Map<String, List<SyncOutcome>> outcomes = outcomesOf(Set.of(known.key(), fresh.key()));
        assertThat(outcomes.get(known.key())).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(o.externalRef()).isEqualTo("ERP-FROM-LEDGER");
        });
        assertThat(outcomes.get(fresh.key())).extracting(SyncOutcome::status).containsExactly(SyncStatus.SYNCED);
        assertThat(sandbox.stats().requests() - requests).as("only the fresh order was called").isEqualTo(1);
        assertReady();
        System.out.printf("erp-sync unreadable internal records: ledger %d skipped, outcomes %d skipped, tails alive%n",
                (long) skipped(meters, ledger), (long) skipped(meters, Topics.ORDERS_OUTCOMES));
    }

    @Test
    @Order(3)
    void anErpThatStallsMidBodyOrAnswersTenMegabytesCostsBoundedCallsAndTheOrdersEndRight() {
        OrderPaid stalled = ItSupport.order("P-STALL");
        OrderPaid huge = ItSupport.order("P-HUGE");
        long faultsBefore = sandbox.stats().faultReplies();
        sandbox.setFaults(Faults.NONE.withTimeout(0, 120_000).withStallOrders(List.of(stalled.orderNo()))
                .withHugeOrders(List.of(huge.orderNo())));
        long start = System.nanoTime();
        ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(stalled, huge));
        List<OrderPaid> others = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            OrderPaid other = ItSupport.order("P-FLOW-" + round);
            others.add(other);
            ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(other));
            ItSupport.sleepUnchecked(Duration.ofMillis(700));
        }
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> sandbox.stats().faultReplies() - faultsBefore >= 4);
        // The other orders' calls go on while the bad ones stall. Their outcomes wait, in the transaction, for every
        // record below them on their partition (README, "What covers what"), so they are read after the faults.
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> others.stream().allMatch(o -> sandbox.orders().stream()
                .anyMatch(created -> created.outerId().equals(o.orderNo()))));
        sandbox.setFaults(Faults.NONE);
        Map<String, List<SyncOutcome>> flowing = outcomesOf(others.stream().map(OrderPaid::key)
                .collect(Collectors.toSet()));
        others.forEach(o -> assertThat(flowing.get(o.key())).extracting(SyncOutcome::status)
                .containsExactly(SyncStatus.SYNCED));

        Map<String, List<SyncOutcome>> outcomes = outcomesOf(Set.of(stalled.key(), huge.key()));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // The stalled reply came after the ERP created the order: in doubt (README), resent and flagged.
        assertThat(outcomes.get(stalled.key())).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(o.inDoubt()).as(o.reason()).isTrue();
            assertThat(o.reason()).contains("body stalled");
        });
        // The 10 MB reply is unreadable: "not created" like every unreadable reply, retried, synced once.
        assertThat(outcomes.get(huge.key())).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(o.inDoubt()).isFalse();
        });
        long hugeCreated = sandbox.orders().stream().filter(o -> o.outerId().equals(huge.orderNo())).count();
        long stalledCreated = sandbox.orders().stream().filter(o -> o.outerId().equals(stalled.orderNo())).count();
        assertThat(hugeCreated).isEqualTo(1);
        assertThat(stalledCreated).as("created on each stalled call, then once more").isGreaterThanOrEqualTo(2);
        MeterRegistry meters = service.getBean(MeterRegistry.class);
        double longest = meters.get("erp.sync.calls").tag("result", "unavailable").timer().max(TimeUnit.MILLISECONDS);
        assertThat(longest).as("every call bounded by the deadline (plus scheduling on a loaded machine)")
                .isLessThan(DEADLINE.toMillis() + 5_000);
        assertThat(meters.get("erp.sync.in.flight").gauge().value()).as("nothing stuck").isZero();
        assertReady();
        System.out.printf("erp-sync stall + 10 MB: %d bad replies, longest failed call %.0f ms (deadline %d ms), "
                + "%d other orders created meanwhile (SYNCED after), stalled order SYNCED in doubt (created %d times), 10 MB order "
                + "SYNCED once, after %d ms%n", sandbox.stats().faultReplies() - faultsBefore, longest,
                DEADLINE.toMillis(), others.size(), stalledCreated, tookMs);
    }

    @Test
    @Order(4)
    void aPollLoopThatDiesTurnsReadinessDown() {
        ApplicationAvailability availability = service.getBean(ApplicationAvailability.class);
        assertReady();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, Topics.ERP_SYNC_GROUP, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, INSTANCE,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, String> usurper = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            usurper.subscribe(List.of(Topics.ORDERS_PAID));
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> {
                usurper.poll(Duration.ofMillis(200));
                return availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC;
            });
        }
        HealthIndicator loop = service.getBean("consumerLoop", HealthIndicator.class);
        assertThat(loop.health().getStatus()).isEqualTo(Status.DOWN);
        System.out.printf("erp-sync loop fenced: readiness %s, consumerLoop %s%n", availability.getReadinessState(),
                loop.health().getStatus());
    }

    private static void assertReady() {
        assertThat(service.getBean(ApplicationAvailability.class).getReadinessState())
                .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(service.getBean("consumerLoop", HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        assertThat(service.getBean("kafka", HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
    }

    private static double skipped(MeterRegistry meters, String topic) {
        return meters.get(SkippedRecords.METER).tag("topic", topic).functionCounter().count();
    }

    private static List<OrderPaid> orders(String prefix, int n) {
        List<OrderPaid> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            orders.add(ItSupport.order(prefix + i));
        }
        return orders;
    }

    private static Map<String, List<SyncOutcome>> outcomesOf(Set<String> keys) {
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> probe.poll().stream().map(ConsumerRecord::key)
                    .filter(keys::contains).distinct().count() == keys.size());
            return probe.settle(Duration.ofSeconds(1)).stream().filter(r -> keys.contains(r.key()))
                    .map(ItSupport::outcome).collect(Collectors.groupingBy(SyncOutcome::key));
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
