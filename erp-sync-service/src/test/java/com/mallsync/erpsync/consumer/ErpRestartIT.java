package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;
import com.mallsync.sandbox.erp.StoredOrder;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;

/**
 * The service stopped mid-stream three ways on one broker (a crash with nothing committed, two instances sharing
 * the partitions, a graceful stop during rebalancing), each time a new Spring context picks up: every order ends in
 * the sandbox exactly once and has exactly one outcome. The crash committed no transaction, so none of its outcomes
 * appear; its orders are delivered again and answered from the ledger without a second call.
 */
class ErpRestartIT {

    private static final int ORDERS = 400;

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        sandbox.setFaults(Faults.NONE.withLatencyMs(20));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        broker.close();
    }

    @Test
    void everyOrderIsCreatedExactlyOnceAcrossACrashASecondInstanceAndAStop() {
        List<OrderPaid> orders = IntStream.range(0, ORDERS).mapToObj(i -> ItSupport.order("RS-" + i)).toList();
        try (KafkaProducer<String, String> producer = ItSupport.producer(broker)) {
            ItSupport.publish(producer, Topics.ORDERS_PAID, orders);
        }
        Map<String, Object> slow = Map.of("erp-sync.consumer.max-in-flight", 4);

        // 1. A crash: no offset ever committed (hour-long commit interval, no final commit).
        ConfigurableApplicationContext first = ItSupport.service(broker, sandbox,
                Map.of("erp-sync.consumer.max-in-flight", 4, "erp-sync.consumer.commit-interval", "1h"));
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> sandbox.stats().creations() >= 60);
        first.getBean(ErpSyncConsumer.class).halt();
        first.close();
        long afterCrash = sandbox.stats().creations();
        try (TopicProbe outcomes = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            assertThat(outcomes.settle(Duration.ofSeconds(2))).as("the crash's outcomes were never committed")
                    .isEmpty();
        }

        // 2. Two instances at once: they split the partitions (rebalances) and both see the redelivered records.
        ConfigurableApplicationContext second = ItSupport.service(broker, sandbox, slow);
        ConfigurableApplicationContext third = ItSupport.service(broker, sandbox, slow);
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> sandbox.stats().creations() >= afterCrash + 100);

        // 3. A graceful stop of one of them mid-stream; the other takes over its partitions.
        second.close();
        try (TopicProbe outcomes = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            Set<String> decided = outcomes.awaitMatching(r -> true, ORDERS + 60, Duration.ofSeconds(1)).stream()
                    .map(ItSupport::outcome).map(SyncOutcome::orderNo).collect(Collectors.toSet());
            await().atMost(KafkaTestBroker.PATIENCE.multipliedBy(2)).until(() -> {
                outcomes.poll().stream().map(ItSupport::outcome).map(SyncOutcome::orderNo).forEach(decided::add);
                return decided.size() == ORDERS;
            });
            List<SyncOutcome> all = outcomes.settle(Duration.ofSeconds(2)).stream().map(ItSupport::outcome).toList();
            assertThat(all).allMatch(o -> o.status() == SyncStatus.SYNCED || o.status() == SyncStatus.DUPLICATE);
            // The crash left at least 60 orders created and uncommitted: delivered again, SYNCED from the ledger.
            Map<String, Long> outcomesPerOrder = all.stream()
                    .collect(Collectors.groupingBy(SyncOutcome::orderNo, Collectors.counting()));
            assertThat(outcomesPerOrder).as("exactly one terminal outcome per order").hasSize(ORDERS);
            assertThat(outcomesPerOrder.values()).containsOnly(1L);
        } finally {
            third.close();
        }

        Map<String, Long> creationsPerOrder = sandbox.orders().stream()
                .collect(Collectors.groupingBy(StoredOrder::outerId, Collectors.counting()));
        assertThat(creationsPerOrder).hasSize(ORDERS);
        assertThat(creationsPerOrder.values()).containsOnly(1L);
        assertThat(sandbox.stats().doubleCreations()).isZero();
    }
}
