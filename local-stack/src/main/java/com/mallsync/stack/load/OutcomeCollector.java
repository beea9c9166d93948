package com.mallsync.stack.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncTarget;

/**
 * Reads {@code orders.outcomes.v1} in the background from where it ended when the collector was created (so a run
 * sees only outcomes written after it started), with its own consumer: no group, no commits, nothing an operator
 * would see as a consumer group.
 */
public final class OutcomeCollector implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<SyncOutcome>> byKey = new ConcurrentHashMap<>();
    private final Map<UUID, List<SyncOutcome>> byEvent = new ConcurrentHashMap<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** Starts reading at the current end of the topic. */
    public static OutcomeCollector fromNow(String bootstrapServers) {
        return new OutcomeCollector(bootstrapServers, false);
    }

    /** Starts reading at the beginning of the topic. */
    public static OutcomeCollector fromBeginning(String bootstrapServers) {
        return new OutcomeCollector(bootstrapServers, true);
    }

    private OutcomeCollector(String bootstrapServers, boolean fromBeginning) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "outcome-collector-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS_OUTCOMES, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            // resolve the positions now, so "from now" means now and not the first poll
            partitions.forEach(consumer::position);
        }
        poller = new Thread(this::pollLoop, "outcome-collector");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        SyncOutcome outcome = Json.read(record.value(), SyncOutcome.class);
                        byKey.computeIfAbsent(outcome.key(), k -> new CopyOnWriteArrayList<>()).add(outcome);
                        byEvent.computeIfAbsent(outcome.eventId(), k -> new CopyOnWriteArrayList<>()).add(outcome);
                    } catch (RuntimeException e) {
                        unreadable.add(record.topic() + "-" + record.partition() + "@" + record.offset());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every outcome read so far for one order key. */
    public List<SyncOutcome> outcomes(String key) {
        return List.copyOf(byKey.getOrDefault(key, List.of()));
    }

    /** Every outcome read so far for one event (its {@code eventId}), at any target. */
    public List<SyncOutcome> outcomesOf(UUID eventId) {
        return List.copyOf(byEvent.getOrDefault(eventId, List.of()));
    }

    /** How many of the events have an outcome at every one of {@code targets}. */
    public int decided(Collection<UUID> eventIds, Set<SyncTarget> targets) {
        return (int) eventIds.stream().filter(decided(targets)).count();
    }

    /** Waits until every event has an outcome at every target, or the time is up; returns the events still open. */
    public List<UUID> awaitEvents(Collection<UUID> eventIds, Set<SyncTarget> targets, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<UUID> open = eventIds.stream().filter(decided(targets).negate()).toList();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
            open = open.stream().filter(decided(targets).negate()).toList();
        }
        return open;
    }

    private Predicate<UUID> decided(Set<SyncTarget> targets) {
        return id -> {
            List<SyncOutcome> outcomes = byEvent.getOrDefault(id, List.of());
            return targets.stream().allMatch(t -> outcomes.stream().anyMatch(o -> o.target() == t));
        };
    }

    /** Every outcome read so far. */
    public Map<String, List<SyncOutcome>> all() {
        Map<String, List<SyncOutcome>> copy = new HashMap<>();
        byKey.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** Positions of records that were not SyncOutcome JSON (a producer bug worth a look). */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** How many of {@code keys} have an outcome for every one of {@code targets}. */
    public int completed(Collection<String> keys, Set<SyncTarget> targets) {
        return (int) keys.stream().filter(complete(targets)).count();
    }

    /** Waits until every key has an outcome for every target, or the time is up; returns the keys still open. */
    public List<String> awaitOutcomes(Collection<String> keys, Set<SyncTarget> targets, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> open = open(keys, targets);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
            open = open(keys, targets);
        }
        return open;
    }

    private List<String> open(Collection<String> keys, Set<SyncTarget> targets) {
        List<String> open = new ArrayList<>();
        for (String key : keys) {
            if (!complete(targets).test(key)) {
                open.add(key);
            }
        }
        return open;
    }

    private Predicate<String> complete(Set<SyncTarget> targets) {
        return key -> {
            List<SyncOutcome> outcomes = byKey.getOrDefault(key, List.of());
            return targets.stream().allMatch(t -> outcomes.stream().anyMatch(o -> o.target() == t));
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
