package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.erpsync.ErpSyncApplication;
import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import com.mallsync.testsupport.TopicProbe;

/** What the erp-sync ITs share: orders from the mall's seed push, a producer, and the service started for real. */
final class ItSupport {

    private static final String SEED_ORDER_NO = "20250320165809904355";
    private static final String SEED_CREATED = "2025-03-20 16:58:09";
    private static final String SEED_PAID = "2025-03-20 16:58:12";

    private ItSupport() {
    }

    /**
     * The mall's seed push under another order number, paid a minute ago, as ingest would publish it (the seed was
     * paid in 2025, before the ledger's window: its times move to now).
     */
    static OrderPaid order(String orderNo) {
        return order(orderNo, Instant.now().minusSeconds(60));
    }

    /** The seed push under another order number, placed 3 s before {@code paidAt} and paid then. */
    static OrderPaid order(String orderNo, Instant paidAt) {
        ZonedDateTime paid = paidAt.atZone(MallTime.ZONE);
        String push = Seeds.mallOrderPush().replace(SEED_ORDER_NO, orderNo)
                .replace(SEED_CREATED, MallTime.FORMAT.format(paid.minusSeconds(3)))
                .replace(SEED_PAID, MallTime.FORMAT.format(paid));
        return OrderPaidMapping.toOrderPaid(Json.read(push, MallOrderPush.class), push, Instant.now());
    }

    /**
     * {@code topics} with {@code partitions} each, and the outcomes topic with the retention it is deployed with
     * ({@link Retention#ORDERS_OUTCOMES}): erp-sync refuses to start on one that keeps less than its outcome index's
     * window, as the broker's default of 7 days would.
     */
    static void createTopics(KafkaTestBroker broker, int partitions, String... topics) {
        broker.createTopics(partitions, topics);
        broker.createTopic(Topics.ORDERS_OUTCOMES, partitions,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Retention.ORDERS_OUTCOMES.toMillis())));
    }

    static KafkaProducer<String, String> producer(KafkaTestBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    static void publish(KafkaProducer<String, String> producer, String topic, List<OrderPaid> orders) {
        try {
            for (OrderPaid order : orders) {
                producer.send(new ProducerRecord<>(topic, order.key(), Json.writeString(order)));
            }
            producer.flush();
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service against this broker and sandbox; {@code overrides} are extra properties. */
    static ConfigurableApplicationContext service(KafkaTestBroker broker, ErpSandbox sandbox,
                                                  Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        props.put("server.port", 0);
        props.put("erp-sync.erp.base-url", sandbox.baseUrl());
        props.put("erp-sync.retry.initial-backoff", "100ms");
        props.put("erp-sync.retry.max-backoff", "1s");
        props.put("spring.main.banner-mode", "off");
        props.putAll(overrides);
        // As command-line arguments: they outrank application.yml (builder properties would not).
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ErpSyncApplication.class).run(args);
    }

    static SyncOutcome outcome(ConsumerRecord<String, String> record) {
        return Json.read(record.value(), SyncOutcome.class);
    }

    /** Outcomes by order number (the last one wins). */
    static Map<String, SyncOutcome> byOrderNo(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ItSupport::outcome)
                .collect(Collectors.toMap(SyncOutcome::orderNo, o -> o, (a, b) -> b));
    }

    /** The first outcome of this order, once there is one. */
    static SyncOutcome awaitOutcome(KafkaTestBroker broker, OrderPaid order) {
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> !outcomes(broker, order).isEmpty());
        return outcomes(broker, order).get(0);
    }

    /** Every outcome of this order on the topic, in order, after a quiet 300 ms. */
    static List<SyncOutcome> outcomes(KafkaTestBroker broker, OrderPaid order) {
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_OUTCOMES)) {
            return probe.settle(Duration.ofMillis(300)).stream()
                    .filter(r -> order.key().equals(r.key())).map(ItSupport::outcome).toList();
        }
    }

    /** The one dead letter of this order on {@code topic} (asserts there is exactly one). */
    static ConsumerRecord<String, String> awaitDeadLetter(KafkaTestBroker broker, String topic, OrderPaid order) {
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), topic)) {
            List<ConsumerRecord<String, String>> dead = probe.awaitMatching(r -> order.key().equals(r.key()), 1,
                    KafkaTestBroker.PATIENCE);
            assertThat(dead).hasSize(1);
            return dead.get(0);
        }
    }

    static void sleepUnchecked(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
