package com.mallsync.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whole topics from their beginning into memory, then keeps tailing them: the one loop behind every reader
 * of a whole topic (the outcome index, erp-sync's synced ledger, the ops console's ledger). No group, every
 * partition assigned (partitions that appear later are read from their beginning too), nothing committed. A broker
 * outage or a metadata timeout only pauses it: it tries again each second until closed.
 *
 * <p>With a {@link Window} of the last D, each partition starts at the first record whose timestamp is at most D old
 * ({@code offsetsForTimes}; at its end when no record is that new), records older than the window (a producer's
 * explicit CreateTime may be out of order) are passed over, and the owner's sweep runs every minute on the reader
 * thread so it can evict what has grown older than the window since.
 *
 * <p>"Caught up" means: every partition's position has reached the end offset it had when the request was served
 * (the last stable offset under {@code read_committed}). {@link #catchUp()} asks for that as of now;
 * {@link #caughtUp()} says whether the first one, made by {@link #start()}, has completed.
 *
 * <p>Threading: the consumer, the waiters and the record callback belong to the reader thread alone. Other threads
 * only queue requests ({@link #catchUp()}), read {@code positions} (written by the reader) and close it, which
 * wakes the consumer up; the reader then fails the requests still open and closes the consumer.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA = Duration.ofSeconds(10);
    private static final long RETRY_MS = 1_000;
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(1);
    private static final Duration GROWTH_CHECK = Duration.ofMinutes(1);
    private static final Duration SWEEP = Duration.ofMinutes(1);

    /** What the owner keeps of each record; a record it throws on is logged and passed over, never fatal. */
    @FunctionalInterface
    public interface RecordHandler {
        void take(ConsumerRecord<String, String> record);
    }

    private final String name;
    private final List<String> topics;
    private final Supplier<? extends Consumer<String, String>> consumers;
    private final RecordHandler handler;
    private final Window window;
    private final Runnable sweep;
    /** When the owner's sweep runs next ({@link System#nanoTime()}; reader thread only). */
    private long nextSweep;
    /** Next offset to read per partition, as far as the reader has got. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
    private final List<Waiter> waiters = new ArrayList<>();
    /** When to look for partitions next ({@link System#nanoTime()}; reader thread only). */
    private long nextPartitionCheck;
    private volatile boolean running;
    private volatile CompletableFuture<Void> first = new CompletableFuture<>();
    private volatile Thread reader;
    private volatile Consumer<String, String> consumer;

    private record Waiter(Map<TopicPartition, Long> ends, CompletableFuture<Void> done) {
    }

    /**
     * @param name      the reader thread's name, also in its log lines
     * @param topics    read together by one consumer
     * @param consumers a fresh String/String consumer per start, configured as {@link #readerConfig} does
     * @param handler   called on the reader thread for each record, in partition order
     */
    public TopicTail(String name, List<String> topics, Supplier<? extends Consumer<String, String>> consumers,
                     RecordHandler handler) {
        this(name, topics, consumers, handler, Window.all(), () -> { });
    }

    /**
     * @param window how far back to read ({@link Window#all()}: from the beginning)
     * @param sweep  the owner's eviction, run on the reader thread each minute while the window is bounded
     */
    public TopicTail(String name, List<String> topics, Supplier<? extends Consumer<String, String>> consumers,
                     RecordHandler handler, Window window, Runnable sweep) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.consumers = consumers;
        this.handler = handler;
        this.window = window;
        this.sweep = sweep;
    }

    /** How far back this tail reads. */
    public Window window() {
        return window;
    }

    /**
     * {@code clientConfig} (e.g. Spring's consumer properties: bootstrap servers, security) made into a reader's:
     * no group (nothing to commit, never part of the services' rebalances), committed data only, the given client
     * id, from the earliest offset when its position is gone, and no deserialiser classes (the consumer is built
     * with String deserialisers).
     */
    public static Map<String, Object> readerConfig(Map<String, Object> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG); // the services' group's, not a reader's
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A position the log no longer has (records deleted while the reader lagged, a broker that lost its data):
        // a whole-topic reader reads what is left rather than jump to the end.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** Starts the reader thread and asks it to catch up (returns at once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        Thread previous = reader;
        if (previous != null && previous.isAlive()) {
            throw new IllegalStateException(name + " is still stopping");
        }
        positions.clear();
        running = true;
        CompletableFuture<Void> initial = new CompletableFuture<>();
        first = initial;
        requests.add(initial);
        Thread t = new Thread(this::read, name);
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    /**
     * Completes once everything written before this call (to the partitions that exist now) has been read. Never
     * blocks; the future fails only when the tail stops.
     */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.add(done);
        // Checked after queueing: a reader stopping meanwhile has either seen the request or set running first.
        if (!running) {
            done.completeExceptionally(new IllegalStateException(name + " not running"));
        }
        return done;
    }

    /**
     * Waits until everything written before this call has been read.
     *
     * @throws IllegalStateException when that does not happen within {@code within}, or the tail stopped
     */
    public void awaitCaughtUp(Duration within) {
        CompletableFuture<Void> done = catchUp();
        try {
            done.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(false);
            throw new IllegalStateException(name + " did not catch up in " + within + " (at " + positions + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " stopped before catching up", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " caught up", e);
        }
    }

    /** Whether the tail runs and has read everything that was there when it started (for readiness). */
    public boolean caughtUp() {
        CompletableFuture<Void> initial = first;
        return running && initial.isDone() && !initial.isCompletedExceptionally();
    }

    /** Whether the reader thread runs (it stops only when closed, or when no consumer could be made). */
    public boolean running() {
        return running;
    }

    private void read() {
        Consumer<String, String> c = null;
        try {
            c = consumers.get();
            consumer = c;
            nextPartitionCheck = System.nanoTime();
            nextSweep = nextPartitionCheck + SWEEP.toNanos();
            while (running) {
                try {
                    step(c);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A broker restart or a metadata timeout must not end the tail: its owner waits on it to catch
                    // up. Requests not yet served stay queued; try again shortly.
                    LOG.warn("{} could not read {} ({}); trying again", name, topics, e.toString());
                    Thread.sleep(RETRY_MS);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{} stopped: its catch-up requests fail, it reads nothing more", name, e);
        } finally {
            running = false;
            IllegalStateException closed = new IllegalStateException(name + " closed");
            for (CompletableFuture<Void> f; (f = requests.poll()) != null; ) {
                f.completeExceptionally(closed);
            }
            waiters.forEach(w -> w.done.completeExceptionally(closed));
            waiters.clear();
            consumer = null;
            if (c != null) {
                c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    private void step(Consumer<String, String> c) throws InterruptedException {
        if (!requests.isEmpty() || partitionCheckDue(c)) {
            assignNewPartitions(c);
        }
        serveRequests(c);
        if (c.assignment().isEmpty()) {
            // No topic yet: nothing to poll (a consumer with no assignment refuses to).
            Thread.sleep(POLL.toMillis());
            return;
        }
        for (ConsumerRecord<String, String> record : c.poll(POLL)) {
            take(record);
        }
        for (TopicPartition tp : c.assignment()) {
            positions.put(tp, c.position(tp));
        }
        completeWaiters();
        sweepIfDue();
    }

    private void sweepIfDue() {
        long now = System.nanoTime();
        if (window.cutoff().isEmpty() || now - nextSweep < 0) {
            return;
        }
        nextSweep = now + SWEEP.toNanos();
        try {
            sweep.run();
        } catch (RuntimeException e) {
            LOG.warn("{} could not evict what is older than {}: {}", name, window, e.toString());
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        if (!window.keeps(record.timestamp())) {
            return;
        }
        try {
            handler.take(record);
        } catch (RuntimeException e) {
            // Thrown back into the poll loop it would lose the rest of the batch, whose offsets are already past.
            LOG.warn("{} passed over the record at {}-{}@{}: {}", name, record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    /**
     * Partitions are looked for on each catch-up request and also: each second while one of the topics has none
     * assigned (not created yet), each minute otherwise (a reader that is never asked still sees a topic grow).
     */
    private boolean partitionCheckDue(Consumer<String, String> c) {
        long now = System.nanoTime();
        if (now - nextPartitionCheck < 0) {
            return false;
        }
        Set<String> assigned = new HashSet<>();
        c.assignment().forEach(tp -> assigned.add(tp.topic()));
        nextPartitionCheck = now + (assigned.containsAll(topics) ? GROWTH_CHECK : TOPIC_CHECK).toNanos();
        return true;
    }

    /** Turns each queued request into the end offsets to reach, taken now. */
    private void serveRequests(Consumer<String, String> c) {
        if (requests.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = Map.copyOf(c.endOffsets(c.assignment(), METADATA));
        // Taken only once the end offsets are known: a failure above leaves the requests queued for the next try.
        for (CompletableFuture<Void> f; (f = requests.poll()) != null; ) {
            waiters.add(new Waiter(ends, f));
        }
        completeWaiters();
    }

    private void completeWaiters() {
        waiters.removeIf(w -> w.done.isDone() || reached(w.ends) && w.done.complete(null));
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The topics may gain partitions (or be created after we started): read new ones from their beginning. */
    private void assignNewPartitions(Consumer<String, String> c) {
        Set<TopicPartition> all = new HashSet<>(c.assignment());
        // listTopics asks the broker; partitionsFor would answer from the client's cache for a topic already
        // assigned, blind to its new partitions until the next metadata refresh (minutes).
        Map<String, List<PartitionInfo>> known = c.listTopics(METADATA);
        for (String topic : topics) {
            known.getOrDefault(topic, List.of()).forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        Set<TopicPartition> fresh = new HashSet<>(all);
        fresh.removeAll(c.assignment());
        if (fresh.isEmpty()) {
            return;
        }
        c.assign(all);
        OptionalLong cutoff = window.cutoff();
        if (cutoff.isEmpty()) {
            c.seekToBeginning(fresh);
            positions.putAll(c.beginningOffsets(fresh, METADATA));
            LOG.info("{} reads {} from the beginning", name, fresh);
            return;
        }
        Map<TopicPartition, Long> since = new HashMap<>();
        fresh.forEach(tp -> since.put(tp, cutoff.getAsLong()));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(since, METADATA);
        Map<TopicPartition, Long> ends = c.endOffsets(fresh, METADATA);
        for (TopicPartition tp : fresh) {
            OffsetAndTimestamp at = found.get(tp);
            long offset = at == null ? ends.get(tp) : at.offset();
            c.seek(tp, offset);
            positions.put(tp, offset);
        }
        LOG.info("{} reads {} within {}", name, fresh, window);
    }

    /** Stops the reader and waits for it (up to 10 s); requests still open fail. */
    @Override
    public void close() {
        running = false;
        Consumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
