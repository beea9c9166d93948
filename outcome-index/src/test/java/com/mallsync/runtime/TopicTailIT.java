package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
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

/** The one whole-topic reader against a real broker: what it has read when it says it has caught up. */
class TopicTailIT {

    private static final Duration PATIENCE = KafkaTestBroker.PATIENCE;

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

    private static void write(String topic, int partition, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, "k", value)).get();
    }

    private static TopicTail tail(String topic, TopicTail.RecordHandler handler) {
        return new TopicTail("tail-" + topic, List.of(topic), () -> new KafkaConsumer<>(
                TopicTail.readerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "must-be-ignored"), "tail-it-" + topic),
                new StringDeserializer(), new StringDeserializer()), handler);
    }

    @Test
    void readsEverythingWrittenBeforeItStartedThenWhatIsWrittenAfter() throws Exception {
        broker.createTopics(3, "tail.before-after");
        for (int i = 0; i < 9; i++) {
            write("tail.before-after", i % 3, "before-" + i);
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicTail tail = tail("tail.before-after", r -> seen.add(r.value()))) {
            tail.start();
            tail.awaitCaughtUp(PATIENCE);
            assertThat(tail.caughtUp()).isTrue();
            assertThat(seen).hasSize(9).allMatch(v -> v.startsWith("before-"));

            write("tail.before-after", 1, "after");
            await().atMost(PATIENCE).until(() -> seen.contains("after"));
            tail.awaitCaughtUp(PATIENCE);
            assertThat(seen).hasSize(10);
        }
    }

    @Test
    void saysItHasCaughtUpOnlyOnceItReachedTheEndOffsetsSeenAtStart() throws Exception {
        broker.createTopics(2, "tail.slow");
        for (int i = 0; i < 6; i++) {
            write("tail.slow", i % 2, "v" + i);
        }
        CountDownLatch slow = new CountDownLatch(1);
        AtomicInteger taken = new AtomicInteger();
        try (TopicTail tail = tail("tail.slow", r -> {
            try {
                slow.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            taken.incrementAndGet();
        })) {
            tail.start();
            AtomicInteger takenWhenCaughtUp = new AtomicInteger(-1);
            // completes on the reader thread: what it had taken at that very moment
            CompletableFuture<Void> caughtUp = tail.catchUp().thenRun(() -> takenWhenCaughtUp.set(taken.get()));

            assertThatThrownBy(() -> tail.awaitCaughtUp(Duration.ofMillis(500)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not catch up");
            assertThat(tail.caughtUp()).as("the first record is still being taken").isFalse();
            assertThat(caughtUp).isNotDone();

            slow.countDown();
            caughtUp.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(takenWhenCaughtUp).hasValue(6);
            assertThat(tail.caughtUp()).isTrue();
        }
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnce() {
        broker.createTopics(2, "tail.empty");
        try (TopicTail tail = tail("tail.empty", r -> { })) {
            tail.start();
            tail.awaitCaughtUp(Duration.ofSeconds(5));
            assertThat(tail.caughtUp()).isTrue();
        }
    }

    @Test
    void aTopicCreatedOrGrownLaterIsReadFromTheBeginning() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicTail tail = tail("tail.later", r -> seen.add(r.partition() + ":" + r.value()));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()))) {
            tail.start();
            tail.awaitCaughtUp(PATIENCE);
            assertThat(tail.caughtUp()).as("nothing to read yet").isTrue();

            broker.createTopics(1, "tail.later");
            write("tail.later", 0, "first");
            await().atMost(PATIENCE).until(() -> seen.contains("0:first"));

            admin.createPartitions(Map.of("tail.later", NewPartitions.increaseTo(2))).all()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            write("tail.later", 1, "in-a-new-partition");
            await().atMost(PATIENCE).untilAsserted(() -> {
                tail.awaitCaughtUp(PATIENCE);
                assertThat(seen).contains("1:in-a-new-partition");
            });
        }
    }

    @Test
    void aRecordItsOwnerThrowsOnIsPassedOverAndTheRestOfTheBatchIsRead() throws Exception {
        broker.createTopics(1, "tail.throws");
        write("tail.throws", 0, "bad");
        write("tail.throws", 0, "good");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicTail tail = tail("tail.throws", r -> {
            if (r.value().equals("bad")) {
                throw new IllegalArgumentException("unreadable");
            }
            seen.add(r.value());
        })) {
            tail.start();
            tail.awaitCaughtUp(PATIENCE);
            assertThat(seen).containsExactly("good");
            assertThat(tail.running()).isTrue();
        }
    }

    @Test
    void closeStopsItAndFailsWhatWaitsForIt() throws Exception {
        broker.createTopics(1, "tail.closed");
        List<String> seen = new CopyOnWriteArrayList<>();
        TopicTail tail = tail("tail.closed", r -> seen.add(r.value()));
        tail.start();
        tail.awaitCaughtUp(PATIENCE);

        assertThat(tail.caughtUp()).isTrue();
        tail.close();
        assertThat(tail.running()).isFalse();
        assertThat(tail.caughtUp()).as("a stopped tail is not ready").isFalse();
        assertThat(tail.catchUp()).isCompletedExceptionally();
        assertThatThrownBy(() -> tail.awaitCaughtUp(PATIENCE)).isInstanceOf(IllegalStateException.class);
        write("tail.closed", 0, "after-close");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(seen::isEmpty);
    }
}
