package com.mallsync.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mallsync.outcomes.HeldPartitions;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of both consumer services: one thread owns the consumer, and everything touching it happens there,
 * between polls. It hands each record to the service's {@link Dispatcher} (member-sync's ShopCode batcher,
 * erp-sync's per-key scheduler) with its {@link PartitionOffsets}; applies the {@link FetchGate} (pause for the
 * breaker and for back-pressure; never from a breaker callback inside a record, spring-kafka #2738); holds newly
 * assigned partitions until their readers caught up ({@link HeldPartitions}); and, every commit interval, commits
 * one transaction of the {@link OutcomeSink}: the outcomes and dead letters of each partition's finished prefix
 * with the offsets after it. On revocation the dispatcher gives the partitions' records back (those in flight
 * bounded by the revoke timeout), what finished is committed, the rest is forgotten for the new owner to read. An
 * orderly stop finishes what is in hand (bounded) and commits it; any other end is reported to the
 * {@link LoopWatch}.
 *
 * <p>A plain loop rather than a listener container: a 2030 batch outlives a poll (it lingers across polls, mixes
 * partitions, and several are in flight at once), and outcomes must wait for the records below them before their
 * transaction; a container's record or batch listener commits what it returns, which is neither.
 */
public final class PollLoop {

    /** What a service does with the records; every method runs on the loop thread. */
    public interface Dispatcher {

        /**
         * One record read. It must end finished through {@code read} (with its outcome, or with nothing to publish),
         * now or later from any thread, unless its partition is released first. Should not throw: a throw ends the
         * loop.
         */
        void accept(ConsumerRecord<String, String> record, PartitionOffsets read);

        /** Records read and not finished, counted against {@link Settings#maxPending}. */
        int pending();

        /** Between polls, before the commit: take in what finished, send what is due. */
        default void beforePoll() {
        }

        /** How long the next poll may wait for records, at most {@code max} (e.g. until a batch is due). */
        default Duration pollTimeout(Duration max) {
            return max;
        }

        /** Newly assigned, before they are held. */
        default void assigned(Collection<TopicPartition> partitions) {
        }

        /**
         * The partitions leave: revoked ({@code wait} is the revoke timeout: what is in flight may still finish and
         * be committed) or lost (zero). Drop what is not started, wait up to {@code wait} for what is, and forget
         * them; whatever stays unfinished is read again by their next owner.
         *
         * @return whether nothing of them is still running
         */
        boolean release(Collection<TopicPartition> partitions, Duration wait);

        /**
         * An orderly stop: finish what is in hand, up to {@code wait}; by default {@link #release}. (A loop that
         * failed only releases its partitions: nothing new is started then.)
         */
        default boolean finish(Collection<TopicPartition> assigned, Duration wait) {
            return release(assigned, wait);
        }

        /** The loop ended (the final commit is done or was skipped): stop the service's threads. */
        default void close() {
        }
    }

    /**
     * @param name            the loop thread's name and the log's
     * @param downstream      what the breaker guards, for the log ("CRM", "ERP")
     * @param maxPending      records read and not finished before fetching pauses
     * @param revokeTimeout   how long a revocation waits for records in flight
     * @param shutdownTimeout how long an orderly stop waits for them
     */
    public record Settings(String name, String topic, String downstream, Duration pollTimeout,
                           Duration commitInterval, Duration revokeTimeout, Duration shutdownTimeout,
                           int maxPending) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    private final Settings settings;
    private final Supplier<? extends Consumer<String, String>> consumers;
    private final Dispatcher dispatcher;
    private final Offsets offsets;
    private final OutcomeSink sink;
    private final HeldPartitions held;
    private final CircuitBreaker breaker;
    private final LoopWatch watch;
    private final Rebalance rebalance = new Rebalance();
    private volatile Consumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    /** Stop like a crash: no commit on revocation or at the end ({@link #halt}). */
    private volatile boolean halted;
    /** The final commit is done and every partition forgotten: a revocation inside {@code close} has nothing to do. */
    private boolean closing;
    private volatile int paused;

    /**
     * A dispatcher's pool of {@code threads} workers, named {@code name-1}, {@code name-2}, …: daemons, because an
     * orderly stop shuts the pool down ({@link Dispatcher#close}) and a context that was never stopped must not hold
     * the JVM.
     */
    public static ExecutorService workers(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public PollLoop(Settings settings, Supplier<? extends Consumer<String, String>> consumers, Dispatcher dispatcher,
                    Offsets offsets, OutcomeSink sink, HeldPartitions held, CircuitBreaker breaker, LoopWatch watch) {
        this.settings = settings;
        this.consumers = consumers;
        this.dispatcher = dispatcher;
        this.offsets = offsets;
        this.sink = sink;
        this.held = held;
        this.breaker = breaker;
        this.watch = watch;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        halted = false;
        closing = false;
        Thread t = new Thread(this::run, settings.name());
        t.setDaemon(true); // the web server keeps the process alive; an unclosed test context must not
        thread = t;
        t.start();
    }

    /** An orderly stop: the loop finishes what is in hand (bounded by the shutdown timeout) and commits it. */
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            Consumer<String, String> c = consumer;
            if (c != null) {
                c.wakeup(); // out of a long poll now
            }
            t = thread;
        }
        try {
            // the stop's wait, then its commit (resumed a few times) and the closes
            t.join(settings.shutdownTimeout().plusMinutes(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops like a crash right after the calls in progress returned: no commit, so every record since the last
     * periodic commit is delivered again to whoever consumes next. For tests.
     */
    public void halt() {
        halted = true;
        stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** The {@code paused} gauge of both services ({@link FetchGate#gauge}): 2 for the breaker, 1 for back-pressure. */
    public int paused() {
        return paused;
    }

    private void run() {
        Throwable failure = null;
        try {
            consumer = consumers.get();
            consumer.subscribe(List.of(settings.topic()), rebalance);
            watch.running();
            long nextCommit = 0;
            while (running) {
                dispatcher.beforePoll();
                if (System.nanoTime() - nextCommit >= 0) {
                    commit(Set.of());
                    nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
                }
                pauseOrResume();
                for (ConsumerRecord<String, String> record
                        : consumer.poll(dispatcher.pollTimeout(settings.pollTimeout()))) {
                    dispatcher.accept(record, offsets.read(record));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e; // nobody asked us to stop
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (failure != null) {
                watch.failed(failure); // readiness down now, not after the wait for what is in flight
            }
            shutdown(failure != null);
            running = false;
            if (failure == null) {
                watch.stopped();
            }
        }
    }

    /**
     * What is in hand finished (bounded; after a failure only what is in flight, nothing new is started), committed
     * unless halted, and then every partition forgotten, as if revoked (a start in the same process begins afresh);
     * then everything closed.
     */
    private void shutdown(boolean failed) {
        Set<TopicPartition> assigned = consumer == null ? Set.of() : Set.copyOf(consumer.assignment());
        try {
            Duration wait = settings.shutdownTimeout();
            if (!(failed ? dispatcher.release(assigned, wait) : dispatcher.finish(assigned, wait))) {
                LOG.warn("{}: records still in flight at the stop; they stay uncommitted and are read again",
                        settings.name());
            }
            if (!halted && consumer != null) {
                commit(assigned);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: final commit failed: {}", settings.name(), e.toString());
        } finally {
            dispatcher.release(assigned, Duration.ZERO);
            rebalance.forget(assigned);
            closing = true;
            dispatcher.close();
            sink.close();
            if (consumer != null) {
                try {
                    consumer.close(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.warn("{}: closing the consumer failed: {}", settings.name(), e.toString());
                }
            }
            LOG.info("{} stopped", settings.name());
        }
    }

    /** Breaker open, or too much read and not finished: stop fetching ({@link FetchGate}). */
    private void pauseOrResume() {
        CircuitBreaker.State state = breaker.getState();
        int pending = dispatcher.pending();
        FetchGate gate = FetchGate.decide(state, pending, settings.maxPending(), consumer.assignment(),
                consumer.paused(), held.stillHeld());
        if (!gate.pause().isEmpty()) {
            consumer.pause(gate.pause());
            if (gate.breakerOpen()) {
                LOG.warn("{} circuit breaker {}: fetching paused, lag will grow until the {} answers",
                        settings.downstream(), state, settings.downstream());
            }
        }
        if (!gate.resume().isEmpty()) {
            consumer.resume(gate.resume());
            LOG.info("fetching resumed (breaker {}, {} pending)", state, pending);
        }
        paused = gate.gauge();
    }

    /**
     * One transaction; a refused one (we are a zombie, or its end is unknown) drops the partitions' work as if they
     * were lost, and takes up again those the consumer still has, except {@code leaving} (being revoked, or all of
     * them at the stop).
     */
    private void commit(Collection<TopicPartition> leaving) {
        sink.commit(consumer, rebalance, leaving);
    }

    /** Runs inside poll (and a refused commit), on the loop thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || halted || closing) {
                return;
            }
            if (!dispatcher.release(partitions, settings.revokeTimeout())) {
                LOG.warn("records of revoked partitions {} still in flight; their next owner reads them again",
                        partitions);
            }
            // Before the new owner reads them: what is finished goes out with its offsets. A refused or failed
            // transaction must not end the loop: the new owner reads from the last commit and decides the rest.
            try {
                commit(partitions);
            } catch (RuntimeException e) {
                LOG.warn("commit on revocation failed: {}", e.toString());
            }
            forget(partitions);
            LOG.info("partitions revoked {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || closing) {
                return;
            }
            dispatcher.release(partitions, Duration.ZERO);
            forget(partitions);
            LOG.warn("partitions lost {}: their unfinished records will be read again by the new owner", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            LOG.info("partitions assigned {}", partitions);
            dispatcher.assigned(partitions);
            held.hold(consumer, partitions); // paused until the readers know what the previous owner did
        }

        /** What did not commit is dropped: the new owner decides it. */
        private void forget(Collection<TopicPartition> partitions) {
            held.forget(partitions);
            offsets.forget(partitions);
        }
    }
}
