package com.mallsync.outcomes;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.TopicTail;
import com.mallsync.runtime.Window;

/**
 * The terminal outcomes already published for one target, read from {@code orders.outcomes.v1} itself (the one
 * source of truth for "an outcome is published"): a {@link TopicTail} (a consumer of its own, no group, every
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
 * <p>Bounded by a {@link Window}: the tail starts at the window's first outcome and an entry older than it (by the
 * time of its outcome record, or of this process's claim) is evicted each minute. Forgetting an outcome is safe
 * once no record can come back that needs it: a redelivery or a replay of a source record older than the window
 * (the window must be at least the source topic's and the DLT's retention), and an event of the same order whose
 * plan reads it (a return reads its sale's outcome: the window must cover how long after payment the mall pushes
 * an order). Memory: one entry per event of this target within the window, in an {@link OutcomeTable} (32 to 48
 * bytes an entry; measured in the README).
 *
 * <p>Threading: the reader thread enters what it reads and evicts; the services' threads decide, claim and release.
 * Every one of these holds the table's lock for its whole look-up-and-change, so a claim is atomic (of two records
 * of one order decided at the same time only one publishes) and a look-up never sees a table half grown. A lock
 * held for one probe is short; the longest holds are the minute's eviction sweep and a growth (tens of ms at two
 * million entries).
 */
public final class OutcomeIndex implements AutoCloseable {

    /** What to do with a record whose order may already have an outcome here. */
    public enum Decision {
        /** No terminal outcome yet (or a replay after REJECTED / FAILED): decide it. */
        PROCESS,
        /** Its outcome is already published: no downstream call, no outcome, just commit it. */
        SKIP
    }

    private final SyncTarget target;
    private final SkippedRecords skipped;
    /** eventId → {@link PackedOutcome}(status, time); guarded by itself. */
    private final OutcomeTable statuses = new OutcomeTable();
    /**
     * Per event with a claim not yet published or released: what the topic said of it meanwhile (a packed outcome,
     * 0 for nothing). Guarded by {@link #statuses}; as small as the outcomes waiting for their transaction. Without
     * it a released claim erased an outcome read while the claim stood (a settled claim wins over what is read), and
     * the tail never reads a record twice: a zombie's withdrawn DUPLICATE took a committed SYNCED with it and the
     * next owner published a second SYNCED (the cluster fault run, 2026-12-03).
     */
    private final Map<UUID, Long> readDuringClaim = new HashMap<>();
    private final TopicTail tail;
    private final Clock clock;

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
        this(topic, target, consumers, skipped, Window.all(), Clock.systemUTC());
    }

    /**
     * @param window how far back it reads and remembers
     * @param clock  the time of this process's claims (the window's own clock when it has one)
     */
    public OutcomeIndex(String topic, SyncTarget target, Supplier<Consumer<String, String>> consumers,
                        SkippedRecords skipped, Window window, Clock clock) {
        this.target = target;
        this.skipped = skipped;
        this.clock = clock;
        this.tail = new TopicTail("outcome-index-" + lower(target), List.of(topic), consumers, this::index, window,
                this::evictExpired);
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
        return create(topic, target, clientConfig, skipped, meters, Window.all());
    }

    /** As {@link #create(String, SyncTarget, Map, SkippedRecords, MeterRegistry)}, bounded by {@code window}. */
    public static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig,
                                      SkippedRecords skipped, MeterRegistry meters, Window window) {
        return create(topic, target, clientConfig, skipped, config -> MeteredKafkaConsumer.strings(config, meters),
                window);
    }

    private static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig,
                                       SkippedRecords skipped,
                                       Function<Map<String, Object>, Consumer<String, String>> newConsumer) {
        return create(topic, target, clientConfig, skipped, newConsumer, Window.all());
    }

    private static OutcomeIndex create(String topic, SyncTarget target, Map<String, Object> clientConfig,
                                       SkippedRecords skipped,
                                       Function<Map<String, Object>, Consumer<String, String>> newConsumer,
                                       Window window) {
        Clock clock = window instanceof Window.Last last ? last.clock() : Clock.systemUTC();
        return new OutcomeIndex(topic, target, () -> {
            Map<String, Object> config = TopicTail.readerConfig(clientConfig,
                    "outcome-index-" + lower(target) + "-" + UUID.randomUUID());
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
            return newConsumer.apply(config);
        }, skipped, window, clock);
    }

    private static String lower(SyncTarget target) {
        return target.name().toLowerCase(Locale.ROOT);
    }

    /** Starts the background reader (returns at once; use {@link #catchUp()} to wait for it). */
    public void start() {
        tail.start();
    }

    /**
     * Completes once every outcome published before this call (to the partitions that exist now) has been read.
     * Never blocks; the future fails only when the index is closed.
     */
    public CompletableFuture<Void> catchUp() {
        return tail.catchUp();
    }

    /**
     * The rule: an event whose SYNCED, DUPLICATE or SKIPPED outcome is published is skipped, always; one whose REJECTED or
     * FAILED outcome is published is skipped too, unless the record is a DLT replay (then it is decided again: that
     * is what a replay is for).
     */
    public Decision decide(UUID eventId, boolean replayed) {
        return rule(known(eventId), replayed);
    }

    private SyncStatus known(UUID eventId) {
        synchronized (statuses) {
            long packed = statuses.get(eventId.getMostSignificantBits(), eventId.getLeastSignificantBits());
            return PackedOutcome.status(packed);
        }
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
        return Optional.ofNullable(known(eventId));
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
        long now = clock.millis();
        long msb = eventId.getMostSignificantBits();
        long lsb = eventId.getLeastSignificantBits();
        synchronized (statuses) {
            SyncStatus known = PackedOutcome.status(statuses.get(msb, lsb));
            if (rule(known, replayed) == Decision.SKIP) {
                return null;
            }
            statuses.put(msb, lsb, PackedOutcome.of(status, now));
            readDuringClaim.putIfAbsent(eventId, 0L);
            return new Claim(eventId, status, known);
        }
    }

    /**
     * Undoes a claim whose outcome was not published (unless something else was entered since): back to what the
     * topic said of the event while the claim stood, or else to what was there before the claim.
     */
    public void release(Claim claim) {
        long msb = claim.eventId().getMostSignificantBits();
        long lsb = claim.eventId().getLeastSignificantBits();
        synchronized (statuses) {
            Long read = readDuringClaim.remove(claim.eventId());
            long now = statuses.get(msb, lsb);
            if (now == 0 || PackedOutcome.status(now) != claim.status()) {
                return;
            }
            if (read != null && read != 0) {
                statuses.put(msb, lsb, read);
            } else if (claim.previous() == null) {
                statuses.remove(msb, lsb);
            } else {
                statuses.put(msb, lsb, PackedOutcome.of(claim.previous(), PackedOutcome.time(now)));
            }
        }
    }

    /** The claim's outcome was committed: it is what the index holds now, and nothing needs undoing. */
    public void published(Claim claim) {
        synchronized (statuses) {
            readDuringClaim.remove(claim.eventId());
        }
    }

    /** Forgets the outcomes older than the window (the tail calls it each minute). */
    public int evictExpired() {
        OptionalLong cutoff = tail.window().cutoff();
        if (cutoff.isEmpty()) {
            return 0;
        }
        long oldest = cutoff.getAsLong();
        synchronized (statuses) {
            return statuses.removeIf(packed -> PackedOutcome.time(packed) < oldest);
        }
    }

    /** A status entered by {@link #tryClaim}, and what was there before ({@code null}: nothing). */
    public record Claim(UUID eventId, SyncStatus status, SyncStatus previous) {
    }

    /** Orders known for this target. */
    public int size() {
        synchronized (statuses) {
            return statuses.size();
        }
    }

    /** One outcome record, on the reader thread (package-private for the tests). */
    void index(ConsumerRecord<String, String> record) {
        OutcomeFields.Read read = OutcomeFields.read(record.value());
        if (read instanceof OutcomeFields.Unreadable unreadable) {
            skipped.skip(record, "outcome index of " + target, unreadable.cause());
            return;
        }
        OutcomeFields.Outcome outcome = (OutcomeFields.Outcome) read;
        if (outcome.target() != target) {
            return;
        }
        enter(outcome.eventId(), outcome.status(), record.timestamp());
    }

    /** An outcome read from the topic. Once settled, stays settled: a later REJECTED/FAILED could only be a race. */
    private void enter(UUID eventId, SyncStatus status, long at) {
        long msb = eventId.getMostSignificantBits();
        long lsb = eventId.getLeastSignificantBits();
        synchronized (statuses) {
            statuses.put(msb, lsb, merged(statuses.get(msb, lsb), status, at));
            Long read = readDuringClaim.get(eventId);
            if (read != null) {
                readDuringClaim.put(eventId, merged(read, status, at));
            }
        }
    }

    /** {@code known} (packed, 0 for nothing) after reading {@code status} at {@code at}: a settled one stays. */
    private static long merged(long known, SyncStatus status, long at) {
        return known != 0 && PackedOutcome.status(known).settled()
                ? PackedOutcome.of(PackedOutcome.status(known), Math.max(PackedOutcome.time(known), at))
                : PackedOutcome.of(status, at);
    }

    @Override
    public void close() {
        tail.close();
    }
}
