package com.mallsync.membersync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.mallsync.model.Json;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.sandbox.crm.CrmSandbox;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * What the member-sync ITs that run the service in a Spring test context share: a real broker with the three
 * topics, a CRM sandbox over HTTP, a producer, and the service's properties pointing at them. Each IT class starts
 * its own (one per class: they need different settings).
 */
final class ItStack {

    static final String APP_ID = "it-app";
    static final String TOKEN = "it-token";

    final KafkaTestBroker broker;
    final CrmSandbox crm;
    final KafkaProducer<String, String> producer;

    private ItStack(KafkaTestBroker broker, CrmSandbox crm, KafkaProducer<String, String> producer) {
        this.broker = broker;
        this.crm = crm;
        this.producer = producer;
    }

    /** A broker with {@code orders.paid.v1}, the outcomes and the DLT (3 partitions each), a sandbox, a producer. */
    static ItStack start() {
        KafkaTestBroker broker = KafkaTestBroker.start();
        createTopics(broker, 3);
        CrmSandbox crm = CrmSandbox.start(0, APP_ID, TOKEN);
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        return new ItStack(broker, crm, producer);
    }

    /**
     * The three topics with {@code partitions} each, the outcomes topic with the retention it is deployed with
     * ({@link Retention#ORDERS_OUTCOMES}): member-sync refuses to start on one that keeps less than its outcome
     * index's window, as the broker's default of 7 days would.
     */
    static void createTopics(KafkaTestBroker broker, int partitions) {
        broker.createTopics(partitions, Topics.ORDERS_PAID, Topics.MEMBER_SYNC_DLT);
        broker.createTopic(Topics.ORDERS_OUTCOMES, partitions,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Retention.ORDERS_OUTCOMES.toMillis())));
    }

    /**
     * The settings every such IT's service gets: this broker and sandbox, shops 222 and 333, a 3 s request timeout,
     * fast retries and a small breaker window (3 calls of 5, open 2 s), and {@code upload-on PAID}: these ITs are
     * about sales through the batcher, sent at payment; the default (CONFIRMED) is MemberSyncLifecycleIT's. Callers
     * add their own.
     */
    void register(DynamicPropertyRegistry registry, Duration linger) {
        registerDefaults(registry, linger);
        registry.add("member-sync.upload-on", () -> "PAID");
    }

    /** As {@link #register}, with {@code member-sync.upload-on} left at its default (CONFIRMED). */
    void registerDefaults(DynamicPropertyRegistry registry, Duration linger) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("member-sync.crm.base-url", crm::baseUrl);
        registry.add("member-sync.crm.app-id", () -> APP_ID);
        registry.add("member-sync.crm.token", () -> TOKEN);
        registry.add("member-sync.crm.request-timeout", () -> "3s");
        registry.add("member-sync.batch.linger", () -> linger.toMillis() + "ms");
        registry.add("member-sync.shops.222.shop-code", () -> "MALL222");
        registry.add("member-sync.shops.333.shop-code", () -> "MALL333");
        registry.add("member-sync.retry.initial-backoff", () -> "100ms");
        registry.add("member-sync.retry.max-backoff", () -> "1s");
        registry.add("resilience4j.circuitbreaker.instances.crm.minimum-number-of-calls", () -> "3");
        registry.add("resilience4j.circuitbreaker.instances.crm.sliding-window-size", () -> "5");
        registry.add("resilience4j.circuitbreaker.instances.crm.wait-duration-in-open-state", () -> "2s");
    }

    void publish(List<OrderPaid> orders) {
        publish(producer, orders);
    }

    static void publish(KafkaProducer<String, String> producer, List<OrderPaid> orders) {
        orders.forEach(o -> producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, o.key(), Json.writeString(o))));
        producer.flush();
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * Closes the producer now, the sandbox and the broker at the JVM's exit. They must outlive the service:
     * {@code @DirtiesContext} closes its context after the class (after {@code @AfterAll}); closed earlier, the
     * service's graceful stop would wait out its timeouts against a broker already gone.
     */
    void closeAfterTheService() {
        producer.close();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            crm.close();
            broker.close();
        }));
    }
}
