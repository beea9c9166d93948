package com.mallsync.system.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.runtime.TopicTail;
import com.mallsync.runtime.Window;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * On a real broker: what bench-state writes is all there, and all of it is inside the services' 60-day window (the
 * worst case the benchmark claims), while a shorter window sees only the newer part.
 */
class StateFillIT {

    private static final int ORDERS = 300;
    private static KafkaTestBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        broker.createTopics(6, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES);
        broker.createTopics(3, StateBenchmark.LEDGER_TOPIC);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void everyRecordWrittenIsReadBackAndAllOfItIsInsideTheAfterSaleWindow() {
        StateRecords records = new StateRecords("1111111111", ORDERS, Duration.ofDays(56), StateBenchmark.LEDGER_TOPIC,
                Clock.systemUTC());

        StateFill.Written written = StateFill.fill(broker.bootstrapServers(), records, ORDERS,
                new PrintStream(OutputStream.nullOutputStream()));

        assertThat(written.paid()).isGreaterThan(ORDERS);
        assertThat(written.outcomes()).isEqualTo(2 * written.paid());
        assertThat(written.ledger()).isGreaterThanOrEqualTo(ORDERS);
        assertThat(read(Topics.ORDERS_PAID, Window.all())).isEqualTo(written.paid());
        assertThat(read(StateBenchmark.LEDGER_TOPIC, Window.all())).isEqualTo(written.ledger());
        assertThat(read(Topics.ORDERS_OUTCOMES, Window.last(Retention.AFTER_SALE))).isEqualTo(written.outcomes());
        long lastMonth = read(Topics.ORDERS_OUTCOMES, Window.last(Duration.ofDays(28)));
        assertThat(lastMonth).isBetween(written.outcomes() / 2 - 20, written.outcomes() / 2 + 20);
    }

    private static long read(String topic, Window window) {
        AtomicLong seen = new AtomicLong();
        try (TopicTail tail = new TopicTail("state-fill-it-" + topic, List.of(topic), () -> new KafkaConsumer<>(
                TopicTail.readerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        "state-fill-it-" + topic + "-" + window), new StringDeserializer(), new StringDeserializer()),
                r -> seen.incrementAndGet(), window, () -> { })) {
            tail.start();
            tail.awaitCaughtUp(Duration.ofSeconds(60));
            return seen.get();
        }
    }
}
