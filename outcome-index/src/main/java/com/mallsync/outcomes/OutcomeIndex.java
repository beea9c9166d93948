package com.mallsync.outcomes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.model.Json;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.SkippedRecords;

/**
 * The terminal outcomes already published for one target, read from {@code orders.outcomes.v1} itself (the one
 * source of truth for "an outcome is published"): a background reader with a consumer of its own (no group, every
 * partition assigned, from the beginning, {@code read_committed}) keeps {@code eventId → status} for that target.
 *
 * <p>Why: a consumer service that dies after publishing an outcome and before committing the record's offset gets
 * the record again. Without this index it would decide the order again and publish a second outcome (DUPLICATE
 * after SYNCED). With it, the redelivered record is recognised and skipped ({@link #decide}).
 *
 * <p>The service must not look a record up before the index has read what was published before the record's
 * partition was assigned to it: {@link #catchUp()} completes once the reader has reached the topic's end offsets as
 * of the call (taken by the reader thread, so the request may only make it wait a little longer). Outcomes this
 * process publishes are also entered at once ({@link #claim}), so nothing depends on reading them back.
 *
 * <p>Memory: one entry per order of this target within the outcomes topic's retention (a UUID and an enum).
 */
public final class OutcomeIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeIndex.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA = Duration.ofSeconds(10);

    /** What to do with a record whose order may already have an outcome here. */
    public enum Decision {
        /** No terminal outcome yet (or a replay after REJECTED / FAILED): decide it. */
        PROCESS,
        /** Its outcome is already published: no downstream call, no outcome, just commit it. */
        SKIP
    }

    private final String topic;
    private final SyncTarget target;
    private final Supplier<Consumer<String, String>> consumers;
    private final SkippedRecords skipped;
    private final Map<UUID, SyncStatus> statuses = new ConcurrentHashMap<>();
    /** Next offset to read per partition, as far as the reader has got (written by the reader thread). */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile boolean running;
    private volatile Thread reader;
    private volatile Consumer<String, String> consumer;

    private record Waiter(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {
    }

    /**
     * @param topic     the outcomes topic ({@code orders.outcomes.v1})
     * @param target    whose outcomes to keep
     * @param consumers a fresh consumer with String deserialisers, no group id, no auto commit and
     *                  {@code isolation.level=read_committed}
     */
    public OutcomeIndex(String topic, SyncTarget target, Supplier<Consumer<String, String>> consumers) {
        this(topic, target, consumers, new SkippedRecords());
    }

    /** @param skipped where unreadable outcome records are logged and counted (skipped, never fatal) */
    public OutcomeIndex(String topic, SyncTarget target, Supplier<Consumer<String, String>> consumers,
                        SkippedRecords skipped) {
        this.topic = topic;
        this.target = target;
        this.consumers = consumers;
        this.skipped = skipped;
    }

    /**
     * An index reading with a {@link KafkaConsumer} made from {@code clientConfig} (e.g. Spring's consumer
     * properties: bootstrap servers, security), minus any group, with what the reader needs set.
     */
    public static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig) {
        return create(topic, target, clientConfig, new SkippedRecords());
    }

    /** As {@link #create(String, SyncTarget, Map)}, counting unreadable records in {@code skipped}. */
    public static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig,
                                      SkippedRecords skipped) {
        return create(topic, target, clientConfig, skipped,
                config -> new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer()));
    }

    /**
     * As {@link #create(String, SyncTarget, Map, SkippedRecords)}, with the reader's consumer metered
     * ({@link MeteredKafkaConsumer}).
     */
    public static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig,
                                      SkippedRecords skipped, MeterRegistry meters) {
        return create(topic, target, clientConfig, skipped, config -> MeteredKafkaConsumer.strings(config, meters));
    }

    private static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig,
                                       SkippedRecords skipped,
                                       Function<Map<String, Object>, Consumer<String, String>> newConsumer) {
        return new OutcomeIndex(topic, target, () -> {
            Map<String, Object> config = new HashMap<>(clientConfig);
            // A reader of its own: no group (nothing to commit, never part of the services' rebalances).
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "outcome-index-" + target.name().toLowerCase(java.util.Locale.ROOT)
                    + "-" + UUID.randomUUID());
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
            config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
            config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
            return newConsumer.apply(config);
        }, skipped);
    }

    /** Starts the background reader (returns at once; use {@link #catchUp()} to wait for it). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::read, "outcome-index-" + target.name().toLowerCase(java.util.Locale.ROOT));
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    /**
     * Completes once every outcome published before this call (to the partitions that exist now) has been read.
     * Never blocks; the future fails only when the index is closed.
     */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("outcome index not running"));
            return done;
        }
        requests.add(done);
        return done;
    }

    /**
     * The rule: an event whose SYNCED, DUPLICATE or SKIPPED outcome is published is skipped, always; one whose REJECTED or
     * FAILED outcome is published is skipped too, unless the record is a DLT replay (then it is decided again: that
     * is what a replay is for).
     */
    public Decision decide(UUID eventId, boolean replayed) {
        return rule(statuses.get(eventId), replayed);
    }

    static Decision rule(SyncStatus known, boolean replayed) {
        if (known == null) {
            return Decision.PROCESS;
        }
        if (known.settled()) {
            return Decision.SKIP;
        }
        return replayed ? Decision.PROCESS : Decision.SKIP;
    }

    /** The latest terminal status known for the order at this target. */
    public Optional<SyncStatus> status(UUID eventId) {
        return Optional.ofNullable(statuses.get(eventId));
    }

    /**
     * Called just before publishing an outcome: enters it, unless an outcome published meanwhile (by this process:
     * the same order read twice, or by another one) means this one would be a second. Atomic per order, so of two
     * records of one order decided at the same time only one publishes.
     *
     * @return true to publish; false to drop this outcome (the order already has one)
     */
    public boolean claim(UUID eventId, SyncStatus status, boolean replayed) {
        return tryClaim(eventId, status, replayed) != null;
    }

    /**
     * Like {@link #claim}, but returns what {@link #release} needs when the outcome could not be published after
     * all (the record stays uncommitted and will be decided again); {@code null} when refused.
     */
    public Claim tryClaim(UUID eventId, SyncStatus status, boolean replayed) {
        Claim[] claim = {null};
        statuses.compute(eventId, (id, known) -> {
            if (rule(known, replayed) == Decision.SKIP) {
                return known;
            }
            claim[0] = new Claim(eventId, status, known);
            return status;
        });
        return claim[0];
    }

    /** Undoes a claim whose outcome was not published (unless something else was entered since). */
    public void release(Claim claim) {
        statuses.computeIfPresent(claim.eventId(), (id, now) -> now == claim.status() ? claim.previous() : now);
    }

    /** A status entered by {@link #tryClaim}, and what was there before ({@code null}: nothing). */
    public record Claim(UUID eventId, SyncStatus status, SyncStatus previous) {
    }

    /** Orders known for this target. */
    public int size() {
        return statuses.size();
    }

    private void read() {
        try {
            consumer = consumers.get();
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A broker restart or a metadata timeout must not end the reader: partitions held for it would
                    // stay held. Requests not yet served stay queued; try again shortly.
                    LOG.warn("outcome index of {} could not read {} ({}); trying again", target, topic, e.toString());
                    Thread.sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("outcome index reader of {} stopped: partitions waiting for it stay held", topic, e);
        } finally {
            running = false;
            requests.forEach(f -> f.completeExceptionally(new IllegalStateException("outcome index closed")));
            waiters.forEach(w -> w.done.completeExceptionally(new IllegalStateException("outcome index closed")));
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private void step() {
        if (consumer.assignment().isEmpty()) {
            assignNewPartitions();
        }
        serveRequests();
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            index(record);
        }
        for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp, consumer.position(tp));
        }
        completeWaiters();
    }

    private void index(ConsumerRecord<String, String> record) {
        SyncOutcome outcome;
        try {
            outcome = record.value() == null ? null : Json.read(record.value(), SyncOutcome.class);
        } catch (RuntimeException e) {
            skipped.skip(record, "outcome index of " + target, e);
            return;
        }
        if (outcome == null || outcome.eventId() == null || outcome.status() == null || outcome.target() == null) {
            skipped.skip(record, "outcome index of " + target, null);
            return;
        }
        if (outcome.target() != target) {
            return;
        }
        // Once settled, stays settled: a later REJECTED/FAILED for it could only be a race between instances.
        statuses.merge(outcome.eventId(), outcome.status(), (known, seen) -> known.settled() ? known : seen);
    }

    /** On the reader thread: turns each request into the end offsets to reach, taken now. */
    private void serveRequests() {
        if (requests.isEmpty()) {
            return;
        }
        assignNewPartitions();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), METADATA);
        // Taken only once the end offsets are known: a failure above leaves the requests queued for the next try.
        for (CompletableFuture<Void> f; (f = requests.poll()) != null; ) {
            waiters.add(new Waiter(ends, f));
        }
        completeWaiters();
    }

    private void completeWaiters() {
        waiters.removeIf(w -> {
            boolean reached = w.ends.entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (reached) {
                w.done.complete(null);
            }
            return reached;
        });
    }

    /** The topic may gain partitions (or be created after we started): read new ones from their beginning. */
    private void assignNewPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA);
        Set<TopicPartition> all = new HashSet<>();
        if (infos != null) {
            infos.forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        Set<TopicPartition> fresh = new HashSet<>(all);
        fresh.removeAll(consumer.assignment());
        if (fresh.isEmpty()) {
            return;
        }
        consumer.assign(all);
        consumer.seekToBeginning(fresh);
        Map<TopicPartition, Long> starts = new HashMap<>(consumer.beginningOffsets(fresh, METADATA));
        positions.putAll(starts);
        LOG.info("outcome index of {} reads {} from the beginning", target, fresh);
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = reader;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
