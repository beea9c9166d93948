package com.mallsync.membersync;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.sandbox.crm.CrmFaults;
import com.mallsync.sandbox.crm.CrmSandbox;
import com.mallsync.testsupport.KafkaTestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drains a backlog of orders across two ShopCodes with the CRM sandbox answering in 100 ms and PRINTS the figures
 * next to the limit 100 × concurrent requests / latency. Not a timed test (it asserts only that every order synced)
 * and not run by default: {@code ./mvnw -B -o -pl member-sync-service -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=MemberSyncBenchmark}
 * with optional {@code -Dbench.orders=20000 -Dbench.concurrency=4 -Dbench.latency-ms=100}.
 */
class MemberSyncBenchmark {

    @Test
    void drainABacklogAcrossTwoShopCodes() throws Exception {
        int orders = Integer.getInteger("bench.orders", 20_000);
        int concurrency = Integer.getInteger("bench.concurrency", 4);
        long latencyMs = Long.getLong("bench.latency-ms", 100);
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             CrmSandbox crm = CrmSandbox.start(0, "bench-app", "bench-token")) {
            ItStack.createTopics(broker, 6);
            crm.setFaults(CrmFaults.NONE.withLatencyMs(latencyMs));
            String prefix = UUID.randomUUID().toString().substring(0, 6);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer())) {
                OrderPaid template = TestOrders.fresh(222, "template");
                for (int i = 0; i < orders; i++) {
                    long mall = i % 2 == 0 ? 222 : 333;
                    OrderPaid o = TestOrders.fresh(mall, prefix + String.format("%07d", i));
                    producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, o.key(), Json.writeString(o)));
                }
                producer.flush();
                assertThat(template).isNotNull();
            }
            System.out.printf("backlog of %d orders written; starting member-sync%n", orders);

            long started = System.nanoTime();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MemberSyncApplication.class)
                    .web(WebApplicationType.NONE)
                    // command-line arguments: they outrank application.yml (builder.properties() would not)
                    .run("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                            "--member-sync.crm.base-url=" + crm.baseUrl(),
                            "--member-sync.crm.app-id=bench-app",
                            "--member-sync.crm.token=bench-token",
                            "--member-sync.crm.max-concurrent-requests=" + concurrency,
                            "--member-sync.shops.222.shop-code=MALL222",
                            "--member-sync.shops.333.shop-code=MALL333",
                            "--member-sync.upload-on=PAID", // sales at payment: it publishes PAID only
                            "--logging.level.com.mallsync=WARN");
                 KafkaConsumer<String, String> outcomes = new KafkaConsumer<>(Map.of(
                         ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                         ConsumerConfig.GROUP_ID_CONFIG, "bench-" + prefix,
                         ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                         new StringDeserializer(), new StringDeserializer())) {
                outcomes.subscribe(java.util.List.of(Topics.ORDERS_OUTCOMES));
                long firstRequest = 0;
                int seen = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (seen < orders && System.nanoTime() < deadline) {
                    seen += outcomes.poll(Duration.ofMillis(50)).count();
                    if (firstRequest == 0 && crm.stats().requests() > 0) {
                        firstRequest = System.nanoTime();
                    }
                }
                long done = System.nanoTime();
                assertThat(seen).as("outcomes").isEqualTo(orders);
                var stats = crm.stats();
                MeterRegistry meters = app.getBean(MeterRegistry.class);
                double drainSeconds = (done - firstRequest) / 1e9;
                double rate = orders / drainSeconds;
                double limit = 100.0 * concurrency / (latencyMs / 1000.0);
                System.out.printf("%n=== member-sync benchmark ===%n");
                System.out.printf("orders %d across 2 ShopCodes, sandbox latency %d ms, concurrent requests %d%n",
                        orders, latencyMs, concurrency);
                System.out.printf("drain (first request → last outcome): %.2f s; with start-up: %.2f s%n",
                        drainSeconds, (done - started) / 1e9);
                System.out.printf("orders/s: %.0f   limit 100 × %d / %.1f s = %.0f   → %.1f%% of the limit%n",
                        rate, concurrency, latencyMs / 1000.0, limit, 100 * rate / limit);
                System.out.printf("requests sent: %d   mean batch fill: %.1f orders   stored: %d   double creations: %d%n",
                        stats.requests(), (double) stats.creations() / stats.requests(), stats.orders(),
                        stats.doubleCreations());
                System.out.printf("member_sync.batch.size mean (service side): %.1f   batch latency mean: %.0f ms%n",
                        meters.get("member_sync.batch.size").summary().mean(),
                        meters.get("member_sync.batch.latency").timer().mean(java.util.concurrent.TimeUnit.MILLISECONDS));
                var calls = meters.get("member_sync.crm.requests").tag("result", "accepted").timer();
                System.out.printf("2030 calls: mean %.0f ms, max %.0f ms (sandbox latency %d ms)%n",
                        calls.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                        calls.max(java.util.concurrent.TimeUnit.MILLISECONDS), latencyMs);
                assertThat(stats.orders()).isEqualTo(orders);
            }
        }
    }
}
