package com.mallsync.erpsync.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.mallsync.model.Json;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.TopicTail;
import com.mallsync.runtime.Window;

/**
 * The record of every order the ERP confirmed, shared by all instances: a compacted topic keyed by order key (a
 * return, which is an ERP order of its own, by {@code mallId:} + its own OuterID), read fully into memory at start
 * and tailed afterwards (a {@link TopicTail}). Entries are written after the ERP confirms and before the source
 * offset is committed, so whoever sees the order again (a redelivery, a rebalance, a second instance, a re-push)
 * finds it here and answers DUPLICATE without a second call. A pending mark is written before an order's first
 * call, so an instance that stopped mid-call leaves a trace: the order is then known to be in doubt.
 *
 * <p>Bounded by a {@link Window}: the tail starts at the window's first record and an entry whose {@code at} is older
 * than the window is evicted each minute ({@link #evictExpired}). An entry's {@code at} is the time of a call for the
 * order, so never before the order's payment: an order paid within the window always finds its entry. One paid
 * before it may have been confirmed and forgotten; {@link LedgerWindowGuard} keeps such an order from being sent.
 */
public class SyncedLedger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncedLedger.class);

    private final String topic;
    private final Admin admin;
    private final KafkaTemplate<String, String> template;
    private final SkippedRecords skipped;
    /** Compact (about 62 bytes an entry, see {@link LedgerEntries}); thread-safe. */
    private final LedgerEntries entries = new LedgerEntries();
    private final TopicTail tail;

    public SyncedLedger(String topic, Admin admin, Supplier<KafkaConsumer<String, String>> consumers,
                        KafkaTemplate<String, String> template) {
        this(topic, admin, consumers, template, new SkippedRecords());
    }

    /** @param skipped where unreadable ledger records are logged and counted (skipped; the tail goes on) */
    public SyncedLedger(String topic, Admin admin, Supplier<KafkaConsumer<String, String>> consumers,
                        KafkaTemplate<String, String> template, SkippedRecords skipped) {
        this(topic, admin, consumers, template, skipped, Window.all());
    }

    /** @param window how far back it reads and remembers ({@link Window#all()}: the whole topic, nothing evicted) */
    public SyncedLedger(String topic, Admin admin, Supplier<KafkaConsumer<String, String>> consumers,
                        KafkaTemplate<String, String> template, SkippedRecords skipped, Window window) {
        this.topic = topic;
        this.admin = admin;
        this.template = template;
        this.skipped = skipped;
        this.tail = new TopicTail("erp-sync-ledger-tail", List.of(topic), consumers, this::take, window,
                this::evictExpired);
    }

    /** Creates the compacted topic when missing (idempotent). */
    public void createTopic(int partitions) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.info("created compacted topic {} with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating " + topic, e);
        }
    }

    /**
     * Starts reading the topic (within the window) and then tailing it, in the background; returns at once. Nothing
     * may be decided from the ledger before it has caught up ({@link #catchUp}): erp-sync's poll loop holds every
     * partition assigned to it, paused, until then ({@code HeldPartitions}), so a start does not wait (or fail)
     * for a ledger of millions of orders, and "loaded" is logged when the first read is done.
     */
    public void start() {
        tail.start();
        long started = System.nanoTime();
        tail.catchUp().thenRun(() -> LOG.info("synced ledger {} loaded: {} orders within {} in {} ms", topic,
                entries.size(), tail.window(), (System.nanoTime() - started) / 1_000_000));
    }

    /** One ledger record; one that cannot be read is skipped (logged with its offset, counted), never fatal. */
    void take(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            skipped.skip(record, "synced ledger", null);
            return;
        }
        if (record.value() == null) {
            // only pending marks are ever removed (a confirmation written here meanwhile stays)
            entries.removePending(record.key());
            return;
        }
        SyncedEntry entry;
        try {
            entry = LedgerValues.read(record.value());
        } catch (RuntimeException e) {
            skipped.skip(record, "synced ledger", e);
            return;
        }
        if (entry == null || entry.eventId() == null) {
            skipped.skip(record, "synced ledger", null);
            return;
        }
        if (entry.at() == null) {
            // No time of its own: the record's is later than the call, so still never before the payment.
            entry = new SyncedEntry(entry.eventId(), entry.outerTradeId(), entry.attempts(),
                    Instant.ofEpochMilli(record.timestamp()), entry.pending());
        }
        entries.merge(record.key(), entry);
    }

    /**
     * Completes once the tail has read everything written to the topic before this call: then every order another
     * instance confirmed before it let go of a partition is known here. Never blocks; fails only when closed.
     */
    public CompletableFuture<Void> catchUp() {
        return tail.catchUp();
    }

    public Optional<SyncedEntry> find(String orderKey) {
        return Optional.ofNullable(entries.get(orderKey));
    }

    /**
     * Records a confirmed order, or the pending mark before its first call; the future completes when the broker
     * acknowledged it. The entry is known locally at once, merged with what is known ({@link SyncedEntry#merge}),
     * and the merged entry is what is written: the compacted topic keeps only a key's last value, so writing a
     * pending mark over a confirmation, or a confirmation without the ERP order number over one with it, would lose
     * them at the next start.
     */
    public CompletableFuture<?> recordAsync(String orderKey, SyncedEntry entry) {
        SyncedEntry kept = entries.merge(orderKey, entry);
        return template.send(new ProducerRecord<>(topic, orderKey, Json.writeString(kept)));
    }

    /**
     * Removes a pending mark (a tombstone) once the ERP refused the order outright: nothing was created, so a later
     * replay is not in doubt. A confirmation is never removed.
     */
    public CompletableFuture<?> forgetPendingAsync(String orderKey) {
        if (!entries.removePending(orderKey)) {
            return CompletableFuture.completedFuture(null);
        }
        return template.send(new ProducerRecord<>(topic, orderKey, null));
    }

    public int size() {
        return entries.size();
    }

    /** How far back the ledger reads and remembers. */
    public Window window() {
        return tail.window();
    }

    /**
     * Forgets the entries whose {@code at} is older than the window (the tail calls it each minute).
     *
     * @return how many were forgotten
     */
    public int evictExpired() {
        OptionalLong cutoff = tail.window().cutoff();
        int evicted = cutoff.isEmpty() ? 0 : entries.removeOlderThan(cutoff.getAsLong());
        if (evicted > 0) {
            LOG.info("synced ledger {}: {} orders older than {} forgotten, {} remembered", topic, evicted,
                    tail.window(), entries.size());
        }
        return evicted;
    }

    @Override
    public void close() {
        tail.close();
    }
}
