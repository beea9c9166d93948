package com.mallsync.ops.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.ops.ledger.EventRef;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * Issue 14: repeating "replay all" does not grow a DLT. A stand-in for a consumer whose downstream still refuses
 * every order ({@link Bouncer}: what erp-sync's {@code OutcomeGate} and member-sync's {@code OutcomePublisher}
 * publish for a replayed record, REJECTED outcome and a DLT copy with the source's headers,
 * {@code ops-replayed-from} among them) sends each replay straight back. The first "replay all" replays the latest
 * record of each undelivered order once (each comes back once); ten more replay nothing and leave the DLT sizes as
 * they were; a new dead letter is replayed by the next one, once. Per event (issue 13): a REJECTED return of an
 * order whose sale is delivered is replayed, the sale's dead letter is not, nor one of an event the CRM SKIPPED.
 */
class DltReplayRepeatIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(3, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT, Topics.ERP_SYNC_DLT);
    }

    @AfterAll
    static void stop() {
        BROKER.close();
    }

    @Test
    void tenRepeatedReplayAllLeaveTheDltSizesUnchanged() throws Exception {
        String rejected = key();
        String deliveredMeanwhile = key();
        String twice = key();
        String crmRejected = key();
        // issue 13: the sale failed, then its return of line 3 was REJECTED (no sale); the sale was delivered by a
        // later replay: the return is still replayable, the sale's dead letter is not
        String saleDelivered = key();
        // the CRM skipped the sale (uploads on CONFIRMED) after it had been dead-lettered once: settled, not replayed
        String skippedAtCrm = key();
        try (KafkaProducer<String, String> producer = producer(); Bouncer bouncer = new Bouncer()) {
            dead(producer, Topics.ERP_SYNC_DLT, rejected);
            dead(producer, Topics.ERP_SYNC_DLT, deliveredMeanwhile);
            dead(producer, Topics.ERP_SYNC_DLT, twice);
            dead(producer, Topics.ERP_SYNC_DLT, twice);
            dead(producer, Topics.MEMBER_SYNC_DLT, crmRejected);
            dead(producer, Topics.ERP_SYNC_DLT, saleDelivered, OrderEvent.PAID, null);
            dead(producer, Topics.ERP_SYNC_DLT, saleDelivered, OrderEvent.REFUNDED, 3L);
            dead(producer, Topics.MEMBER_SYNC_DLT, skippedAtCrm, OrderEvent.PAID, null);
            producer.send(outcome(deliveredMeanwhile, SyncTarget.ERP, SyncStatus.SYNCED)).get();
            producer.send(outcome(saleDelivered, OrderEvent.REFUNDED, 3L, SyncTarget.ERP, SyncStatus.REJECTED)).get();
            producer.send(outcome(saleDelivered, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED)).get();
            producer.send(outcome(skippedAtCrm, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED)).get();

            DltReplayer replayer = new DltReplayer(kafka());
            ReplayResult first = replayer.replay(ReplayRequest.all(List.of()));
            // rejected, twice (latest), crmRejected, saleDelivered's return
            assertThat(first.replayed()).as(first.toString()).isEqualTo(4);
            assertThat(first.failed()).isZero();
            // deliveredMeanwhile, saleDelivered's sale, skippedAtCrm
            assertThat(first.skipped()).containsEntry("DELIVERED", 3).containsEntry("SUPERSEDED", 1);
            long replayed = first.replayed();
            // the next one right away, while the replays are still on their way back
            ReplayResult second = replayer.replay(ReplayRequest.all(List.of()));
            assertThat(second.replayed()).as(second.toString()).isZero();
            bouncer.awaitBounced(replayed);
            Map<String, Long> sizes = sizes();
            assertThat(sizes).containsEntry(Topics.ERP_SYNC_DLT, 9L).containsEntry(Topics.MEMBER_SYNC_DLT, 3L);
            assertThat(bouncer.replayedFrom(saleDelivered)).singleElement().satisfies(r -> assertThat(
                    new String(r.headers().lastHeader(CloudEvents.TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo(OrderEvent.REFUNDED.ceType()));

            List<Map<String, Long>> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ReplayResult again = replayer.replay(ReplayRequest.all(List.of()));
                assertThat(again.replayed()).as("replay all #" + (i + 2) + ": " + again).isZero();
                replayed += again.replayed();
                bouncer.awaitBounced(replayed);
                after.add(sizes());
            }
            System.out.printf("[replay] DLT sizes after the first replay all %s; after each of 10 more: %s%n", sizes,
                    after);
            assertThat(after).allSatisfy(s -> assertThat(s).isEqualTo(sizes));

            // a new dead letter is new: the next "replay all" takes it, once
            String fresh = key();
            dead(producer, Topics.ERP_SYNC_DLT, fresh);
            ReplayResult news = replayer.replay(ReplayRequest.all(List.of()));
            assertThat(news.ids()).hasSize(1);
            bouncer.awaitBounced(replayed + 1);
            assertThat(replayer.replay(ReplayRequest.all(List.of())).replayed()).isZero();
            assertThat(sizes()).containsEntry(Topics.ERP_SYNC_DLT, 11L);

            // an operator who names a bounced order replays it again (their decision), once
            ReplayResult named = replayer.replay(ReplayRequest.of(List.of(Topics.ERP_SYNC_DLT), List.of(rejected)));
            assertThat(named.replayed()).isEqualTo(1);
            bouncer.awaitBounced(replayed + 2);
            assertThat(bouncer.replayedFrom(rejected)).hasSize(2);
        }
    }

    private static Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String dlt : List.of(Topics.ERP_SYNC_DLT, Topics.MEMBER_SYNC_DLT)) {
            try (KafkaConsumer<String, String> c = consumer(null)) {
                var partitions = c.partitionsFor(dlt).stream()
                        .map(p -> new TopicPartition(dlt, p.partition())).toList();
                sizes.put(dlt, c.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return sizes;
    }

    private static String key() {
        return "222:" + UUID.randomUUID();
    }

    private static void dead(KafkaProducer<String, String> producer, String dlt, String key) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(dlt, key, "{\"orderNo\":\"" + key + "\"}");
        r.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        r.headers().add("kafka_dlt-exception-message", "refused".getBytes(StandardCharsets.UTF_8));
        producer.send(r).get();
    }

    /** A dead letter of one event of the order, with the source's ce_id and ce_type (as both services write it). */
    private static void dead(KafkaProducer<String, String> producer, String dlt, String key, OrderEvent event,
                             Long line) throws Exception {
        String orderNo = key.split(":", 2)[1];
        ProducerRecord<String, String> r = new ProducerRecord<>(dlt, key, "{\"orderNo\":\"" + orderNo
                + "\",\"event\":\"" + event + "\",\"line\":" + line + "}");
        r.headers().add(CloudEvents.ID, event.eventId(222, orderNo, line).toString().getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEvents.TYPE, event.ceType().getBytes(StandardCharsets.UTF_8));
        r.headers().add("kafka_dlt-exception-message", "refused".getBytes(StandardCharsets.UTF_8));
        producer.send(r).get();
    }

    private static ProducerRecord<String, String> outcome(String key, SyncTarget target, SyncStatus status) {
        return outcome(key, OrderEvent.PAID, null, target, status);
    }

    private static ProducerRecord<String, String> outcome(String key, OrderEvent event, Long line, SyncTarget target,
                                                          SyncStatus status) {
        String[] parts = key.split(":", 2);
        return new ProducerRecord<>(Topics.ORDERS_OUTCOMES, key, Json.writeString(new SyncOutcome(
                event.eventId(222, parts[1], line), Long.parseLong(parts[0]), parts[1], target, status, null, 1,
                "because", Instant.now(), event, line)));
    }

    static KafkaProperties kafka() {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(BROKER.bootstrapServers()));
        return properties;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config);
    }

    /** Refuses every replayed order again: a REJECTED outcome and the record back on its DLT, headers and all. */
    static final class Bouncer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong bounced = new AtomicLong();
        private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();
        private final Thread thread = new Thread(this::run, "bouncer");

        Bouncer() {
            thread.start();
        }

        private void run() {
            try (KafkaConsumer<String, String> c = consumer("bouncer-" + UUID.randomUUID());
                 KafkaProducer<String, String> p = producer()) {
                c.subscribe(Set.of(Topics.ORDERS_PAID));
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        Header from = r.headers().lastHeader(RecordHeaders.REPLAYED_FROM);
                        if (from == null) {
                            continue;
                        }
                        String dlt = new String(from.value(), StandardCharsets.UTF_8).split("/")[0];
                        SyncTarget target = dlt.equals(Topics.ERP_SYNC_DLT) ? SyncTarget.ERP : SyncTarget.CRM_2030;
                        ProducerRecord<String, String> back = new ProducerRecord<>(dlt, r.key(), r.value());
                        r.headers().forEach(h -> back.headers().add(h));
                        back.headers().add("kafka_dlt-exception-message", "refused again".getBytes(StandardCharsets.UTF_8));
                        p.send(back).get();
                        Header type = r.headers().lastHeader(CloudEvents.TYPE);
                        EventRef event = EventRef.ofRecord(type == null ? null
                                : new String(type.value(), StandardCharsets.UTF_8), r.value());
                        p.send(outcome(r.key(), event.event(), event.line(), target, SyncStatus.REJECTED)).get();
                        seen.add(r);
                        bounced.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void awaitBounced(long count) {
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> bounced.get() >= count);
            // and nothing more comes
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> bounced.get() == count);
        }

        List<ConsumerRecord<String, String>> replayedFrom(String key) {
            return seen.stream().filter(r -> key.equals(r.key())).toList();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
