package com.mallsync.membersync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.sandbox.crm.CrmFaults;
import com.mallsync.sandbox.crm.CrmSandbox;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances in group member-sync: a second one joining (rebalance) and the first one stopping gracefully while
 * batches are in flight lose no order and create none twice.
 */
class MemberSyncRebalanceIT {

    @Test
    void aJoiningInstanceAndAGracefulStopLoseNothingAndCreateNothingTwice() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             CrmSandbox crm = CrmSandbox.start(0, "it-app", "it-token");
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            ItStack.createTopics(broker, 6);
            crm.setFaults(CrmFaults.NONE.withLatencyMs(200)); // keeps batches in flight across the rebalance and stop
            String prefix = UUID.randomUUID().toString().substring(0, 6);
            int total = 2000;
            List<OrderPaid> orders = IntStream.range(0, total)
                    .mapToObj(i -> TestOrders.fresh(i % 3 == 0 ? 333 : 222, prefix + String.format("%05d", i))).toList();

            ConfigurableApplicationContext first = start(broker, crm);
            ItStack.publish(producer, orders.subList(0, 1000));
            ConfigurableApplicationContext second = start(broker, crm);          // rebalance while busy
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> membersWithPartitions(broker) == 2);
            long atRebalance = crm.stats().orders();
            ItStack.publish(producer, orders.subList(1000, 1500));
            long atStop = crm.stats().orders();
            first.close();                                                       // graceful stop while busy
            ItStack.publish(producer, orders.subList(1500, total));
            // Figures, not assertions (timing is the machine's): how busy the first instance was at each step.
            System.out.printf("stored when the second instance had partitions: %d, when the first stopped: %d of %d%n",
                    atRebalance, atStop, total);

            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
                List<SyncOutcome> outcomes = probe.awaitMatching(r -> r.key().contains(":" + prefix), total,
                                KafkaTestBroker.PATIENCE.multipliedBy(2)).stream()
                        .map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
                // orders uncommitted at the rebalance or stop are delivered again: they must get no second outcome
                List<SyncOutcome> all = probe.settle(Duration.ofSeconds(3)).stream()
                        .filter(r -> r.key().contains(":" + prefix))
                        .map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
                assertThat(outcomes).hasSizeGreaterThanOrEqualTo(total);
                Map<String, List<SyncStatus>> perOrder = all.stream().collect(Collectors.groupingBy(
                        SyncOutcome::orderNo, Collectors.mapping(SyncOutcome::status, Collectors.toList())));
                assertThat(perOrder).hasSize(total);
                perOrder.forEach((no, statuses) -> assertThat(statuses).as(no).hasSize(1).allMatch(SyncStatus::delivered));
                System.out.printf("outcomes %d for %d orders%n", all.size(), total);
            }
            assertThat(crm.stats().orders()).isEqualTo(total);
            assertThat(crm.stats().doubleCreations()).isZero();
            second.close();
        }
    }

    @Test
    void aRebalanceAndAStopDuringACrmOutageLoseNothingAndCreateNothingTwice() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             CrmSandbox crm = CrmSandbox.start(0, "it-app", "it-token");
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            ItStack.createTopics(broker, 6);
            String prefix = UUID.randomUUID().toString().substring(0, 6);
            int total = 600;
            List<OrderPaid> orders = IntStream.range(0, total)
                    .mapToObj(i -> TestOrders.fresh(i % 3 == 0 ? 333 : 222, prefix + String.format("%05d", i))).toList();
            crm.setFaults(CrmFaults.NONE.withDown(true));

            // Deterministic: while the CRM is down nothing can finish, so the rebalance and the stop both meet
            // batches in flight that they must give up without committing them.
            ConfigurableApplicationContext first = start(broker, crm);
            ItStack.publish(producer, orders.subList(0, 300));
            io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
                    first.getBean(io.github.resilience4j.circuitbreaker.CircuitBreaker.class);
            await().atMost(KafkaTestBroker.PATIENCE)
                    .until(() -> breaker.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
            ConfigurableApplicationContext second = start(broker, crm);
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> membersWithPartitions(broker) == 2);
            ItStack.publish(producer, orders.subList(300, 450));
            first.close();
            crm.setFaults(CrmFaults.NONE);
            ItStack.publish(producer, orders.subList(450, total));

            try (TopicProbe outcomesProbe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES);
                 TopicProbe dlt = new TopicProbe(broker.bootstrapServers(), Topics.MEMBER_SYNC_DLT)) {
                await().atMost(KafkaTestBroker.PATIENCE.multipliedBy(2)).until(() -> outcomesProbe.poll().stream()
                        .filter(r -> r.key().contains(":" + prefix)).map(r -> r.key()).distinct().count() == total);
                List<SyncOutcome> all = outcomesProbe.settle(Duration.ofSeconds(3)).stream()
                        .filter(r -> r.key().contains(":" + prefix))
                        .map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
                Map<String, List<SyncStatus>> perOrder = all.stream().collect(Collectors.groupingBy(
                        SyncOutcome::orderNo, Collectors.mapping(SyncOutcome::status, Collectors.toList())));
                assertThat(perOrder).hasSize(total);
                perOrder.forEach((no, statuses) -> assertThat(statuses).as(no).hasSize(1).allMatch(SyncStatus::delivered));
                assertThat(dlt.settle(Duration.ofSeconds(1))).as("nothing dead-lettered").isEmpty();
                System.out.printf("outage + rebalance + stop: %d outcomes for %d orders%n", all.size(), total);
            }
            assertThat(crm.stats().orders()).isEqualTo(total);
            assertThat(crm.stats().doubleCreations()).isZero();
            second.close();
        }
    }

    @Test
    void recordsDeliveredAgainAfterTheirOutcomesWerePublishedGetNoSecondOutcomeAndNoSecondCall() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             CrmSandbox crm = CrmSandbox.start(0, "it-app", "it-token");
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            ItStack.createTopics(broker, 3);
            String prefix = UUID.randomUUID().toString().substring(0, 6);
            int total = 300;
            List<OrderPaid> orders = IntStream.range(0, total)
                    .mapToObj(i -> TestOrders.fresh(222, prefix + String.format("%05d", i))).toList();
            ConfigurableApplicationContext first = start(broker, crm);
            ItStack.publish(producer, orders);
            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
                assertThat(probe.awaitMatching(r -> true, total, KafkaTestBroker.PATIENCE)).hasSize(total);
            }
            first.close();
            long requests = crm.stats().requests();

            // What a SIGKILL after the outcomes and before the commits leaves: offsets behind published outcomes.
            // Here all of them: the group's offsets go back to the beginning while no instance runs.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> beginning = IntStream.range(0, 3).boxed().collect(
                        Collectors.toMap(p -> new TopicPartition(Topics.ORDERS_PAID, p), p -> new OffsetAndMetadata(0)));
                admin.alterConsumerGroupOffsets(Topics.MEMBER_SYNC_GROUP, beginning).all().get();
            }
            ConfigurableApplicationContext second = start(broker, crm);
            MeterRegistry meters = second.getBean(MeterRegistry.class);
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> meters.find("member_sync.redelivered.skipped")
                    .counters().stream().mapToDouble(c -> c.count()).sum() == total);
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> MemberSyncIT.lag(broker) == 0);

            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
                List<SyncOutcome> all = probe.settle(Duration.ofSeconds(2)).stream()
                        .map(r -> Json.read(r.value(), SyncOutcome.class)).toList();
                assertThat(all).hasSize(total).allMatch(o -> o.status() == SyncStatus.SYNCED);
                assertThat(all.stream().map(SyncOutcome::orderNo).distinct()).hasSize(total);
            }
            assertThat(crm.stats().requests()).as("no 2030 call for the redelivered records").isEqualTo(requests);
            assertThat(crm.stats().orders()).isEqualTo(total);
            second.close();
        }
    }

    static ConfigurableApplicationContext start(KafkaTestBroker broker, CrmSandbox crm) {
        return new SpringApplicationBuilder(MemberSyncApplication.class).web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--member-sync.crm.base-url=" + crm.baseUrl(),
                        "--member-sync.crm.app-id=it-app",
                        "--member-sync.crm.token=it-token",
                        "--member-sync.batch.linger=300ms",
                        "--member-sync.batch.max-size=20",              // many small batches: always some in flight
                        "--member-sync.crm.max-concurrent-requests=2",
                        "--member-sync.consumer.revoke-timeout=2s",
                        "--member-sync.consumer.shutdown-timeout=3s",
                        "--resilience4j.circuitbreaker.instances.crm.wait-duration-in-open-state=1s",
                        "--member-sync.shops.222.shop-code=MALL222",
                        "--member-sync.upload-on=PAID",                 // sales at payment: these tests publish PAID only
                        "--member-sync.shops.333.shop-code=MALL333");
    }

    static long membersWithPartitions(KafkaTestBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(Topics.MEMBER_SYNC_GROUP)).all().get()
                    .get(Topics.MEMBER_SYNC_GROUP).members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }
}
