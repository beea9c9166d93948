package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mallsync.testsupport.KafkaTestBroker;

/**
 * The broker goes away under a tail and comes back at the same address (the embedded one without its data): the
 * tail keeps running, a catch-up asked for meanwhile completes once the broker answers, and it reads on.
 */
class TopicTailBrokerOutageIT {

    private static final String TOPIC = "tail.outage";
    private static final int PORT = freePort();

    private KafkaTestBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "k", value)).get();
        }
    }

    @Test
    void aBrokerOutageOnlyPausesTheTail() throws Exception {
        broker = KafkaTestBroker.startEmbeddedOnPort(PORT);
        broker.createTopics(1, TOPIC);
        write("before");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicTail tail = new TopicTail("tail-outage", List.of(TOPIC), () -> new KafkaConsumer<>(
                TopicTail.readerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + PORT),
                        "tail-outage-it"), new StringDeserializer(), new StringDeserializer()),
                r -> seen.add(r.value()))) {
            tail.start();
            tail.awaitCaughtUp(KafkaTestBroker.PATIENCE);
            assertThat(seen).containsExactly("before");

            broker.close();
            broker = null;
            CompletableFuture<Void> meanwhile = tail.catchUp();
            // longer than the reader's metadata timeout (10 s): the catch-up's end offsets fail at least once
            await().during(Duration.ofSeconds(13)).atMost(Duration.ofSeconds(16)).until(tail::running);
            assertThat(meanwhile).isNotDone();

            broker = KafkaTestBroker.startEmbeddedOnPort(PORT);
            broker.createTopics(1, TOPIC);
            meanwhile.get(KafkaTestBroker.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            write("after");
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> seen.contains("after"));
            assertThat(tail.running()).isTrue();
        }
    }
}
