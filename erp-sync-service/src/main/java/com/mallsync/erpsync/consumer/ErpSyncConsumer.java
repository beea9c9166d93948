package com.mallsync.erpsync.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.outcomes.HeldPartitions;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.FetchGate;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.Publication;

/**
 * The poll loop: one thread owns the KafkaConsumer (group {@code erp-sync}), hands records to the
 * {@link KeyedScheduler}, pauses every partition between polls while the breaker is not closed or the buffer is
 * full, and commits, every commit interval, one transaction of the {@link OutcomeSink}: the outcomes and dead
 * letters of each partition's finished prefix with the offsets after it. Pausing happens here, between polls, never
 * from a breaker callback inside a listener (spring-kafka #2738): the record that met the open breaker stays with
 * its worker and is called again when the breaker lets it.
 */
public class ErpSyncConsumer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ErpSyncConsumer.class);

    private final ErpSyncProperties properties;
    private final Supplier<KafkaConsumer<String, String>> consumers;
    private final SyncedLedger ledger;
    private final OutcomeIndex index;
    private final OrderSync sync;
    private final CircuitBreaker breaker;
    private final Offsets offsets;
    private final OutcomeSink sink;
    private final Rebalance rebalance = new Rebalance();
    private final AtomicInteger paused = new AtomicInteger();
    private final HeldPartitions held;
    private final LoopWatch watch;
    private ExecutorService workers;
    private KeyedScheduler scheduler;
    private volatile boolean running;
    private volatile boolean halted;
    private Thread loop;
    private KafkaConsumer<String, String> consumer;

    ErpSyncConsumer(ErpSyncProperties properties, Supplier<KafkaConsumer<String, String>> consumers,
                    SyncedLedger ledger, OutcomeIndex index, OrderSync sync, CircuitBreaker breaker,
                    ErpSyncMetrics metrics, LoopWatch watch, Offsets offsets, OutcomeSink sink) {
        this.properties = properties;
        this.offsets = offsets;
        this.sink = sink;
        this.watch = watch;
        this.consumers = consumers;
        this.ledger = ledger;
        this.index = index;
        // Whoever had a partition recorded its ERP confirmations before giving it up: held until the ledger read them.
        this.held = new HeldPartitions(index, ledger::catchUp, "the ledger", properties.ledger().catchUpTimeout());
        this.sync = sync;
        this.breaker = breaker;
        metrics.gauges(this::inFlight, this::buffered, paused::get, breaker);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ErpSyncProperties.Consumer c = properties.consumer();
        index.start();
        ledger.start(); // every assigned partition is held until it has caught up
        AtomicInteger n = new AtomicInteger();
        // More workers than ERP call slots (OrderSync bounds the calls): a worker writing its ledger confirmation
        // after its call does not hold up the next call.
        int slots = c.maxInFlight() * 4;
        workers = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "erp-sync-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler = new KeyedScheduler(slots, c.maxInFlightPerPartition(), workers, this::finish);
        consumer = consumers.get();
        running = true;
        halted = false;
        loop = new Thread(this::run, "erp-sync-poll");
        loop.start();
        LOG.info("consuming {} as group {} into ERP {}: max in flight {}, per partition {}",
                properties.topics().source(), c.groupId(), properties.erp().baseUrl(), c.maxInFlight(), c.maxInFlightPerPartition() == 0 ? "unbounded" : c.maxInFlightPerPartition());
    }

    /**
     * One record to its end on a worker. Every path finishes it (its outcome handed to the sink with its offset, or
     * nothing to publish for a skipped one): a record whose
     * processing threw is FAILED + DLT rather than left unfinished, which would stop its partition committing for
     * good. Only a record whose partition went away (cancelled) stays unfinished: the new owner reads it again.
     */
    private void finish(Work work) {
        boolean decided;
        try {
            decided = sync.process(work);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {}; FAILED + DLT so its partition keeps committing", work, e);
            try {
                decided = sync.failedUnexpectedly(work, e);
            } catch (RuntimeException again) {
                LOG.error("could not even write the failure of {}; finishing it anyway, see the log", work, again);
                decided = true;
            }
        }
        if (decided) {
            work.finish(Publication.NONE); // no-op when the outcome gate finished it with its outcome
        }
    }

    private void run() {
        ErpSyncProperties.Consumer c = properties.consumer();
        long nextCommit = 0;
        Throwable failure = null;
        try {
            consumer.subscribe(List.of(properties.topics().source()), rebalance);
            watch.running();
            while (running) {
                applyPause(c);
                for (ConsumerRecord<String, String> record : consumer.poll(c.pollTimeout())) {
                    scheduler.offer(new Work(record, offsets.read(record)));
                }
                if (System.nanoTime() - nextCommit >= 0) {
                    commit();
                    nextCommit = System.nanoTime() + c.commitInterval().toNanos();
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
                watch.failed(failure); // readiness down now, not after the shutdown's wait for calls in flight
            }
            shutdown();
            if (failure == null) {
                watch.stopped();
            }
        }
    }

    /**
     * Between polls: no fetching while the breaker is open or too much is unfinished; half-open fetches, so the
     * breaker has records to make its trial calls for ({@link FetchGate}, the rule member-sync follows too).
     */
    private void applyPause(ErpSyncProperties.Consumer c) {
        CircuitBreaker.State state = breaker.getState();
        FetchGate gate = FetchGate.decide(state, scheduler.buffered(), c.maxBuffered(), consumer.assignment(),
                consumer.paused(), held.stillHeld());
        if (!gate.pause().isEmpty()) {
            consumer.pause(gate.pause());
            if (gate.breakerOpen()) {
                LOG.warn("ERP circuit breaker {}: consumption paused", state);
            }
        }
        if (!gate.resume().isEmpty()) {
            consumer.resume(gate.resume());
            if (paused.get() == 1) {
                LOG.info("ERP circuit breaker {}: consumption resumed", state);
            }
        }
        paused.set(gate.breakerOpen() ? 1 : 0);
    }

    /** One transaction between polls; see {@link #commit(Collection)}. */
    private void commit() {
        commit(Set.of());
    }

    /**
     * One transaction; a refused one (we are a zombie, or its end is unknown) drops the partitions' work as if they
     * were lost, and takes up again those the consumer still has, except {@code leaving} (being revoked, or all of
     * them at shutdown).
     */
    private void commit(Collection<TopicPartition> leaving) {
        sink.commit(consumer, rebalance, leaving);
    }

    private void shutdown() {
        ErpSyncProperties.Consumer c = properties.consumer();
        try {
            Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
            if (!scheduler.release(assigned, c.shutdownTimeout().toMillis())) {
                LOG.warn("calls still running at shutdown; their records will be redelivered");
            }
            if (!halted) {
                commit(assigned);
            }
        } catch (RuntimeException e) {
            LOG.warn("final commit failed: {}", e.toString());
        } finally {
            workers.shutdownNow();
            sink.close();
            consumer.close(Duration.ofSeconds(5));
            LOG.info("stopped consuming");
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            consumer.wakeup();
            t = loop;
        }
        join(t);
        ledger.close();
    }

    /**
     * Stops like a crash right after the calls in progress returned: no final commit, so every record since the
     * last periodic commit is delivered again to whoever consumes next. For tests.
     */
    void halt() {
        halted = true;
        stop();
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.consumer().autoStartup();
    }

    int inFlight() {
        return sync.callsInFlight();
    }

    int buffered() {
        return scheduler == null ? 0 : scheduler.buffered();
    }

    /** Finishes or gives back a partition's records before another consumer gets it, and commits what is done. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || halted) {
                return;
            }
            if (!scheduler.release(new HashSet<>(partitions), properties.consumer().shutdownTimeout().toMillis())) {
                LOG.warn("calls of revoked partitions {} still running; their records will be redelivered", partitions);
            }
            try {
                commit(partitions); // before another owner reads them: what is finished goes out with its offsets
            } catch (RuntimeException e) {
                LOG.warn("commit on revocation failed: {}", e.toString());
            }
            offsets.forget(partitions); // what did not commit is dropped, claims released: the new owner decides it
            held.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            held.forget(partitions);
            scheduler.release(new HashSet<>(partitions), 0);
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.info("assigned {}", partitions);
                held.hold(consumer, partitions); // paused until the outcome index and the ledger have caught up
            }
        }
    }
}
