package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.testsupport.KafkaTestBroker;

/** A tail with a window reads only the records whose CreateTime is within it. */
class TopicTailWindowIT {

    private static KafkaTestBroker broker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        broker.close();
    }

    private static void write(String topic, int partition, long timestamp, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, timestamp, "k", value)).get();
    }

    private static TopicTail tail(String topic, Window window, List<String> seen) {
        return new TopicTail("tail-" + topic, List.of(topic), () -> new KafkaConsumer<>(
                TopicTail.readerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        "tail-window-it-" + topic), new StringDeserializer(), new StringDeserializer()),
                r -> seen.add(r.value()), window, () -> { });
    }

    @Test
    void readsOnlyTheRecordsWithinTheWindowAndStartsAnOldPartitionAtItsEnd() throws Exception {
        String topic = "tail.window";
        broker.createTopics(2, topic);
        long now = System.currentTimeMillis();
        long tenDaysAgo = now - Duration.ofDays(10).toMillis();
        long twoDaysAgo = now - Duration.ofDays(2).toMillis();
        write(topic, 0, tenDaysAgo, "old-0");
        write(topic, 0, twoDaysAgo, "new-0");
        write(topic, 0, tenDaysAgo, "old-out-of-order-0");
        write(topic, 0, now, "now-0");
        write(topic, 1, tenDaysAgo, "old-1");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicTail tail = tail(topic, Window.last(Duration.ofDays(5)), seen)) {
            tail.start();
            tail.awaitCaughtUp(KafkaTestBroker.PATIENCE);
            assertThat(seen).containsExactly("new-0", "now-0");
            write(topic, 1, System.currentTimeMillis(), "later-1");
            tail.awaitCaughtUp(KafkaTestBroker.PATIENCE);
            assertThat(seen).containsExactly("new-0", "now-0", "later-1");
        }
        List<String> whole = new CopyOnWriteArrayList<>();
        try (TopicTail tail = tail(topic, Window.all(), whole)) {
            tail.start();
            tail.awaitCaughtUp(KafkaTestBroker.PATIENCE);
            assertThat(whole).hasSize(6);
        }
    }
}
