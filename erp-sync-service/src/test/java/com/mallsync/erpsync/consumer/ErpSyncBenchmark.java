package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.sandbox.erp.Faults;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;

/**
 * Not a test of timings (nothing here asserts a speed): prints throughput figures. Run with
 * {@code ./mvnw -B -o -pl erp-sync-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ErpSyncBenchmark -Dfailsafe.failIfNoSpecifiedTests=false}; {@code -Dbench.orders=5000
 * -Dbench.baseline.orders=1000 -Dbench.latency.ms=50 -Dbench.in.flight=16} change the set-up.
 *
 * <p>Same broker, same sandbox (answering in 50 ms), two 3-partition topics: the service with 16 calls in flight,
 * then the same service limited to one call at a time per partition (the classic consumer). The rate is measured
 * between the first and the last outcome, so start-up and rebalance time do not count.
 */
class ErpSyncBenchmark {

    private static final int ORDERS = Integer.getInteger("bench.orders", 5_000);
    private static final int BASELINE_ORDERS = Integer.getInteger("bench.baseline.orders", 1_000);
    private static final int LATENCY_MS = Integer.getInteger("bench.latency.ms", 50);
    private static final int IN_FLIGHT = Integer.getInteger("bench.in.flight", 16);
    private static final int PARTITIONS = 3;

    @Test
    void printsOrdersPerSecondAgainstTheLimitAndAgainstOneAtATimePerPartition() {
        try (KafkaTestBroker broker = KafkaTestBroker.start(); ErpSandbox sandbox = ErpSandbox.start(0)) {
            sandbox.setFaults(Faults.NONE.withLatencyMs(LATENCY_MS));
            double parallel = run(broker, sandbox, "bench.parallel.v1", "BP-", ORDERS,
                    Map.of("erp-sync.consumer.max-in-flight", IN_FLIGHT));
            double baseline = run(broker, sandbox, "bench.baseline.v1", "BB-", BASELINE_ORDERS,
                    Map.of("erp-sync.consumer.max-in-flight", IN_FLIGHT,
                            "erp-sync.consumer.max-in-flight-per-partition", 1));
            double limit = IN_FLIGHT * 1000.0 / LATENCY_MS;
            double baselineLimit = PARTITIONS * 1000.0 / LATENCY_MS;
            System.out.printf("%n=== erp-sync benchmark: %d partitions, ERP latency %d ms ===%n", PARTITIONS, LATENCY_MS);
            System.out.printf("in-flight %d:              %,8.1f orders/s  (%d orders; limit in-flight/latency = %.0f/s; %.0f %% of it)%n",
                    IN_FLIGHT, parallel, ORDERS, limit, 100 * parallel / limit);
            System.out.printf("one-at-a-time/partition: %,8.1f orders/s  (%d orders; limit partitions/latency = %.0f/s)%n",
                    baseline, BASELINE_ORDERS, baselineLimit);
            System.out.printf("speed-up:                 %8.1f x%n%n", parallel / baseline);
            assertThat(sandbox.stats().doubleCreations()).isZero();
            assertThat(sandbox.stats().orders()).isEqualTo(ORDERS + BASELINE_ORDERS);
        }
    }

    /** Publishes the orders, starts the service on that topic, waits for every outcome; returns orders/s. */
    private static double run(KafkaTestBroker broker, ErpSandbox sandbox, String topic, String prefix, int count,
                              Map<String, Object> settings) {
        ItSupport.createTopics(broker, PARTITIONS, topic, Topics.ERP_SYNC_DLT);
        List<OrderPaid> orders = IntStream.range(0, count).mapToObj(i -> ItSupport.order(prefix + i)).toList();
        try (KafkaProducer<String, String> producer = ItSupport.producer(broker)) {
            ItSupport.publish(producer, topic, orders);
        }
        Map<String, Object> props = new java.util.HashMap<>(settings);
        props.put("erp-sync.topics.source", topic);
        props.put("logging.level.com.mallsync.erpsync.consumer.OrderSync", "WARN");
        try (ConfigurableApplicationContext service = ItSupport.service(broker, sandbox, props);
             TopicProbe outcomes = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            List<ConsumerRecord<String, String>> mine = outcomes.awaitMatching(
                    r -> r.key().contains(":" + prefix), count, Duration.ofMinutes(10));
            assertThat(mine).hasSize(count);
            assertThat(mine).allMatch(r -> ItSupport.outcome(r).status() == SyncStatus.SYNCED);
            long first = mine.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
            long last = mine.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            io.micrometer.core.instrument.Timer calls = service.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("erp.sync.calls").tag("result", "accepted").timer();
            System.out.printf("[%s] mean ERP call as the client saw it: %.1f ms over %d calls%n", topic,
                    calls.mean(java.util.concurrent.TimeUnit.MILLISECONDS), calls.count());
            return (count - 1) * 1000.0 / Math.max(1, last - first);
        }
    }
}
