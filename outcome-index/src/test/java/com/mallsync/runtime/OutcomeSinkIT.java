package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.testsupport.KafkaTestBroker;

/**
 * The one outcome sink against a real broker: outcomes and offsets in one transaction. Records finished out of order
 * keep their outcomes back; an aborted transaction's outcomes are invisible to a read_committed reader and are
 * published by the repeat; a zombie (a consumer whose partitions the group gave to another while it still held
 * finished work) has its commit refused, and none of its outcomes ever appear.
 */
class OutcomeSinkIT {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeSinkIT.class);
    private static final Duration PATIENCE = KafkaTestBroker.PATIENCE;

    private static KafkaTestBroker broker;
    private static KafkaProducer<String, String> source;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        source = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        source.close();
        broker.close();
    }

    @Test
    void outcomesOfRecordsFinishedOutOfOrderWaitForTheRecordsBelowThem() throws Exception {
        String in = "sink.order.in";
        String out = "sink.order.out";
        broker.createTopics(1, in, out);
        write(in, 3);
        Offsets offsets = new Offsets();
        try (KafkaConsumer<String, String> consumer = consumer("sink-order", Map.of());
             OutcomeSink sink = sink(offsets, Map.of())) {
            List<ConsumerRecord<String, String>> read = readSome(consumer, in, offsets, 3);
            finish(offsets, read.get(1), out, "out-1");
            finish(offsets, read.get(2), out, "out-2");

            assertThat(sink.commit(consumer)).isEqualTo(new OutcomeSink.Commit.Committed(0, 0));
            assertThat(committed(consumer, in)).as("the first record is unfinished").isEqualTo(0);
            assertThat(readCommitted(out)).as("outcomes above an unfinished record stay back").isEmpty();

            finish(offsets, read.get(0), out, "out-0");
            assertThat(sink.commit(consumer)).isEqualTo(new OutcomeSink.Commit.Committed(3, 3));
            assertThat(committed(consumer, in)).isEqualTo(3);
            assertThat(readCommitted(out)).containsExactly("out-0", "out-1", "out-2");
            assertThat(sink.commit(consumer)).as("nothing moved").isInstanceOf(OutcomeSink.Commit.Idle.class);
        }
    }

    @Test
    void anAbortedTransactionPublishesNothingAndIsRepeatedWhole() throws Exception {
        String in = "sink.abort.in";
        String out = "sink.abort.out";
        String missing = "sink.abort.missing";
        broker.createTopics(1, in, out);
        write(in, 2);
        Offsets offsets = new Offsets();
        // a send to a topic that does not exist yet fails the transaction after the other record was appended
        try (KafkaConsumer<String, String> consumer = consumer("sink-abort", Map.of());
             OutcomeSink sink = sink(offsets, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
            List<ConsumerRecord<String, String>> read = readSome(consumer, in, offsets, 2);
            finish(offsets, read.get(0), out, "out-0");
            finish(offsets, read.get(1), missing, "dead-letter-1");

            assertThat(sink.commit(consumer)).isInstanceOf(OutcomeSink.Commit.Aborted.class);
            assertThat(readUncommitted(out)).as("it was written, in the aborted transaction").contains("out-0");
            assertThat(readCommitted(out)).as("a read_committed reader never sees it").isEmpty();
            assertThat(committed(consumer, in)).as("nor was the offset committed").isNull();

            broker.createTopics(1, missing);
            await().atMost(PATIENCE).until(() -> sink.commit(consumer) instanceof OutcomeSink.Commit.Committed);
            assertThat(readCommitted(out)).as("the repeat, once").containsExactly("out-0");
            assertThat(readCommitted(missing)).containsExactly("dead-letter-1");
            assertThat(committed(consumer, in)).isEqualTo(2);
        }
    }

    /**
     * A second instance starts under our stable {@code transactional.id} (the same {@code group-instance-id} twice):
     * our next commit is fenced and the sink stops for good. A later commit (on revoke, at shutdown) must not make a
     * new producer, which would fence the other instance back, nor commit past the outcome it dropped.
     */
    @Test
    void aSinkWhoseStableIdWasTakenOverStopsForGoodAndDoesNotFenceTheOtherBack() throws Exception {
        String in = "sink.fenced.in";
        String out = "sink.fenced.out";
        broker.createTopics(1, in, out);
        write(in, 2);
        Offsets offsets = new Offsets();
        Map<String, Object> config = OutcomeSink.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()), "sink-it-stable-" + UUID.randomUUID(), Duration.ofSeconds(10));
        try (KafkaConsumer<String, String> consumer = consumer("sink-fenced", Map.of());
             OutcomeSink sink = new OutcomeSink(() -> new KafkaProducer<>(config), true, offsets,
                     new SimpleMeterRegistry(), "sink.it");
             KafkaProducer<String, String> other = new KafkaProducer<>(config)) {
            List<ConsumerRecord<String, String>> read = readSome(consumer, in, offsets, 2);
            finish(offsets, read.get(0), out, "out-0");
            assertThat(sink.commit(consumer)).isEqualTo(new OutcomeSink.Commit.Committed(1, 1));

            other.initTransactions(); // the other instance, same id: our producer is fenced
            finish(offsets, read.get(1), out, "out-1");

            assertThatThrownBy(() -> sink.commit(consumer)).as("fenced under a stable id: stop")
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> sink.commit(consumer)).as("and stay stopped")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
            other.beginTransaction();
            other.send(new ProducerRecord<>(out, "k", "other"));
            other.commitTransaction(); // not fenced back by a new producer of ours
            assertThat(committed(consumer, in)).as("nothing committed past the dropped outcome").isEqualTo(1);
            assertThat(readCommitted(out)).containsExactly("out-0", "other");
        }
    }

    /**
     * The README's old known limit, "a second outcome when two live instances decide the same record at once": the
     * first consumer stops polling while it holds finished work (a GC pause, a SIGSTOP, a revoke that outlived its
     * timeout), the group gives its partition to a second one, which decides the same records and commits. The
     * first one's commit, bound to its old generation, is refused; none of its outcomes appear, ever.
     */
    @Test
    void aZombieWhoseGroupMovedOnHasItsCommitRefusedAndNoneOfItsOutcomesAppear() throws Exception {
        String in = "sink.zombie.in";
        String out = "sink.zombie.out";
        broker.createTopics(1, in, out);
        write(in, 4);
        Offsets zombieOffsets = new Offsets();
        Offsets heirOffsets = new Offsets();
        // the group waits this long for a member to poll again before it drops it
        Map<String, Object> shortPollInterval = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3_000);
        try (KafkaConsumer<String, String> zombie = consumer("sink-zombie", shortPollInterval);
             OutcomeSink zombieSink = sink(zombieOffsets, Map.of());
             KafkaConsumer<String, String> heir = consumer("sink-zombie", shortPollInterval);
             OutcomeSink heirSink = sink(heirOffsets, Map.of())) {
            List<ConsumerRecord<String, String>> zombieRead = readSome(zombie, in, zombieOffsets, 4);
            for (ConsumerRecord<String, String> r : zombieRead) {
                finish(zombieOffsets, r, out, "zombie-" + r.offset());
            }
            // the zombie stops polling here; the heir joins, gets the partition and decides the same records
            List<ConsumerRecord<String, String>> heirRead = readSome(heir, in, heirOffsets, 4);
            assertThat(heirRead).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L);
            for (ConsumerRecord<String, String> r : heirRead) {
                finish(heirOffsets, r, out, "heir-" + r.offset());
            }
            assertThat(heirSink.commit(heir)).isEqualTo(new OutcomeSink.Commit.Committed(4, 4));

            OutcomeSink.Commit late = zombieSink.commit(zombie);
            assertThat(late).as("the zombie's commit").isInstanceOf(OutcomeSink.Commit.Refused.class);
            OutcomeSink.Commit.Refused refused = (OutcomeSink.Commit.Refused) late;
            assertThat(refused.partitions()).containsExactly(new TopicPartition(in, 0));
            assertThat(refused.why()).contains("CommitFailedException");
            assertThat(zombieOffsets.waiting()).as("its held work is dropped").isZero();
            assertThat(zombie.position(new TopicPartition(in, 0)))
                    .as("rewound without asking the broker: to its own first read, nothing of it known committed")
                    .isZero();
            assertThat(readCommitted(out)).containsExactly("heir-0", "heir-1", "heir-2", "heir-3");
            assertThat(committed(heir, in)).isEqualTo(4);
        }
    }

    /**
     * A zombie whose generation is stale but still valid: a replacement under its {@code group.instance.id} (static
     * membership) took its place without a rebalance, so the group's generation did not move and the zombie's
     * consumer still holds one (no "no group generation" shortcut in the sink). Its commit reaches the coordinator
     * and is refused there, by the member id that no longer matches; none of its outcomes appear.
     */
    @Test
    void aZombieWithAStaleButValidGenerationIsRefusedByTheCoordinator() throws Exception {
        String in = "sink.stale.in";
        String out = "sink.stale.out";
        broker.createTopics(1, in, out);
        write(in, 4);
        Offsets zombieOffsets = new Offsets();
        Offsets heirOffsets = new Offsets();
        Map<String, Object> sameInstance = Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "sink-stale-1",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaConsumer<String, String> zombie = consumer("sink-stale", sameInstance);
             OutcomeSink zombieSink = sink(zombieOffsets, Map.of());
             KafkaConsumer<String, String> heir = consumer("sink-stale", sameInstance);
             OutcomeSink heirSink = sink(heirOffsets, Map.of())) {
            for (ConsumerRecord<String, String> r : readSome(zombie, in, zombieOffsets, 4)) {
                finish(zombieOffsets, r, out, "zombie-" + r.offset());
            }
            int generation = zombie.groupMetadata().generationId();
            List<ConsumerRecord<String, String>> heirRead = readSome(heir, in, heirOffsets, 4);
            assertThat(heirRead).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L);
            for (ConsumerRecord<String, String> r : heirRead) {
                finish(heirOffsets, r, out, "heir-" + r.offset());
            }
            assertThat(heirSink.commit(heir)).isEqualTo(new OutcomeSink.Commit.Committed(4, 4));

            assertThat(zombie.groupMetadata().generationId()).as("the zombie still holds a generation")
                    .isEqualTo(generation).isNotNegative();
            assertThat(zombie.groupMetadata().memberId()).as("but not the member id the group knows")
                    .isNotEqualTo(heir.groupMetadata().memberId());
            OutcomeSink.Commit late = zombieSink.commit(zombie);
            assertThat(late).as("the zombie's commit").isInstanceOf(OutcomeSink.Commit.Refused.class);
            assertThat(((OutcomeSink.Commit.Refused) late).why()).as("refused by the coordinator, not the shortcut")
                    .doesNotContain("no group generation").contains("FencedInstanceIdException");
            assertThat(zombieOffsets.waiting()).as("its held work is dropped").isZero();
            assertThat(readCommitted(out)).containsExactly("heir-0", "heir-1", "heir-2", "heir-3");
            assertThat(committed(heir, in)).isEqualTo(4);
        }
    }

    /**
     * What transactions cost: the same outcomes committed one per transaction and a hundred per transaction. Prints
     * records/s side by side (for the README; a figure, not an assertion: the machine is shared).
     */
    @Test
    void manyRecordsPerTransactionAllArriveOnce() throws Exception {
        int n = 1_000;
        Map<Integer, Double> perSecond = new HashMap<>();
        for (int every : List.of(1, 100)) {
            String in = "sink.cost.in." + every;
            String out = "sink.cost.out." + every;
            broker.createTopics(1, in, out);
            write(in, n);
            Offsets offsets = new Offsets();
            try (KafkaConsumer<String, String> consumer = consumer("sink-cost-" + every, Map.of());
                 OutcomeSink sink = sink(offsets, Map.of())) {
                List<ConsumerRecord<String, String>> read = readSome(consumer, in, offsets, n);
                sink.commit(consumer); // the producer's initTransactions, outside the measurement
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    finish(offsets, read.get(i), out, "out-" + i);
                    if ((i + 1) % every == 0) {
                        assertThat(sink.commit(consumer)).isInstanceOf(OutcomeSink.Commit.Committed.class);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                perSecond.put(every, n / seconds);
                assertThat(readCommitted(out)).hasSize(n).doesNotHaveDuplicates();
                assertThat(committed(consumer, in)).isEqualTo(n);
            }
        }
        String figure = String.format("outcome sink: %d outcomes, commit per 1 record: %.0f records/s; per 100 records:"
                + " %.0f records/s", n, perSecond.get(1), perSecond.get(100));
        LOG.info(figure);
        System.out.println(figure);
    }

    private static void write(String topic, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            source.send(new ProducerRecord<>(topic, "order-" + i, "paid-" + i)).get();
        }
    }

    private static KafkaConsumer<String, String> consumer(String group, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        config.putAll(extra);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static OutcomeSink sink(Offsets offsets, Map<String, Object> extra) {
        Map<String, Object> base = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()));
        base.putAll(extra);
        Map<String, Object> config = OutcomeSink.producerConfig(base, OutcomeSink.transactionalId("sink-it", null),
                Duration.ofSeconds(10));
        return new OutcomeSink(() -> new KafkaProducer<>(config), false, offsets, new SimpleMeterRegistry(),
                "sink.it");
    }

    /** Subscribes (once) and polls until {@code n} records are read into {@code offsets}. */
    private static List<ConsumerRecord<String, String>> readSome(KafkaConsumer<String, String> consumer,
                                                                 String topic, Offsets offsets, int n) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                offsets.read(r);
                read.add(r);
            }
            return read.size() >= n;
        });
        return read;
    }

    private static void finish(Offsets offsets, ConsumerRecord<String, String> from, String topic, String value) {
        PartitionOffsets partition = offsets.read(from);
        partition.finished(from.offset(), Publication.of(List.of(new ProducerRecord<>(topic, from.key(), value)),
                null, null));
    }

    private static Long committed(KafkaConsumer<String, String> consumer, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        OffsetAndMetadata at = consumer.committed(Set.of(tp), Duration.ofSeconds(30)).get(tp);
        return at == null ? null : at.offset();
    }

    private static List<String> readCommitted(String topic) {
        return readAll(topic, "read_committed");
    }

    private static List<String> readUncommitted(String topic) {
        return readAll(topic, "read_uncommitted");
    }

    /** Every value of partition 0 up to its end offset, as a reader of this isolation level sees it. */
    private static List<String> readAll(String topic, String isolation) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.CLIENT_ID_CONFIG,
                "sink-reader-" + UUID.randomUUID()), new StringDeserializer(), new StringDeserializer())) {
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            long end = reader.endOffsets(List.of(tp)).get(tp);
            List<String> values = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return reader.position(tp) >= end;
            });
            return values;
        }
    }
}
