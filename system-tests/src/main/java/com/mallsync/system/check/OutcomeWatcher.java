package com.mallsync.system.check;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

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
 * Follows {@code orders.outcomes.v1} from its beginning in the background (it survives a broker restart: the
 * client reconnects) and remembers, per event (its {@code eventId}) and target and per order and target, when the
 * first outcome was written (the record's timestamp, set by the service that published it). An order's events each
 * get their own outcomes: "decided" is judged per event; the per-order view is the first outcome of any of them.
 */
public final class OutcomeWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<SyncTarget, Map<String, Long>> firstAt = new ConcurrentHashMap<>();
    private final Map<SyncTarget, Map<UUID, Long>> firstAtOfEvent = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public OutcomeWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "outcome-watcher-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS_OUTCOMES, Duration.ofSeconds(60))
                .stream().map(p -> new TopicPartition(Topics.ORDERS_OUTCOMES, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        for (SyncTarget target : SyncTarget.values()) {
            firstAt.put(target, new ConcurrentHashMap<>());
            firstAtOfEvent.put(target, new ConcurrentHashMap<>());
        }
        thread = new Thread(this::follow, "outcome-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    SyncOutcome outcome = Json.read(record.value(), SyncOutcome.class);
                    firstAt.get(outcome.target()).putIfAbsent(outcome.orderNo(), record.timestamp());
                    firstAtOfEvent.get(outcome.target()).putIfAbsent(outcome.eventId(), record.timestamp());
                }
            }
        } catch (WakeupException closing) {
            // close() woke us up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Order number → timestamp (epoch ms) of its first outcome for the target. */
    public Map<String, Long> firstOutcomeAt(SyncTarget target) {
        return Map.copyOf(firstAt.get(target));
    }

    /** How many of the orders have an outcome for every target. */
    public long complete(Collection<String> orderNos) {
        Map<String, Long> crm = firstAt.get(SyncTarget.CRM_2030);
        Map<String, Long> erp = firstAt.get(SyncTarget.ERP);
        return orderNos.stream().filter(o -> crm.containsKey(o) && erp.containsKey(o)).count();
    }

    /** How many of the orders have an outcome for the target. */
    public long complete(Collection<String> orderNos, SyncTarget target) {
        Map<String, Long> seen = firstAt.get(target);
        return orderNos.stream().filter(seen::containsKey).count();
    }

    /** How many of the events have an outcome at every target. */
    public long decided(Collection<UUID> eventIds) {
        Map<UUID, Long> crm = firstAtOfEvent.get(SyncTarget.CRM_2030);
        Map<UUID, Long> erp = firstAtOfEvent.get(SyncTarget.ERP);
        return eventIds.stream().filter(e -> crm.containsKey(e) && erp.containsKey(e)).count();
    }

    /** How many of the events have an outcome at the target. */
    public long decided(Collection<UUID> eventIds, SyncTarget target) {
        Map<UUID, Long> seen = firstAtOfEvent.get(target);
        return eventIds.stream().filter(seen::containsKey).count();
    }

    /** Waits until every event has an outcome at every target; false when the time ran out first. */
    public boolean awaitDecided(Collection<UUID> eventIds, Duration within, Runnable progress) {
        return await(() -> decided(eventIds) >= eventIds.size(), within, progress);
    }

    /** Waits until every order has an outcome for every target; false when the time ran out first. */
    public boolean awaitComplete(Collection<String> orderNos, Duration within, Runnable progress) {
        return await(() -> complete(orderNos) >= orderNos.size(), within, progress);
    }

    /**
     * When the target's first outcome after {@code epochMs} was written (the first outcome of some event, by record
     * timestamp): after a consumer's SIGKILL, the moment its successor decided something; empty if none yet.
     */
    public OptionalLong firstOutcomeAfter(SyncTarget target, long epochMs) {
        return firstAtOfEvent.get(target).values().stream().mapToLong(Long::longValue).filter(t -> t > epochMs).min();
    }

    private static boolean await(BooleanSupplier done, Duration within, Runnable progress) {
        long deadline = System.nanoTime() + within.toNanos();
        long nextProgress = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (System.nanoTime() > nextProgress) {
                progress.run();
                nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
