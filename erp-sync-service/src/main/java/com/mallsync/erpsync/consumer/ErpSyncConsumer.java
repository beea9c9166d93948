package com.mallsync.erpsync.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.outcomes.HeldPartitions;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.PartitionOffsets;
import com.mallsync.runtime.PollLoop;
import com.mallsync.runtime.Publication;

/**
 * erp-sync's side of the shared {@link PollLoop} (group {@code erp-sync}): each record read goes to the
 * {@link KeyedScheduler}, which runs it on a worker (one order's events in order, calls bounded per partition), and
 * every path of a record finishes it with its outcome, or with nothing to publish. The loop does the rest: pausing
 * while the breaker is open or the buffer is full (a record that met the open breaker stays with its worker and is
 * called again when the breaker lets it), held partitions, the transactions of outcomes and offsets, revocation and
 * the stop.
 */
public class ErpSyncConsumer implements SmartLifecycle, PollLoop.Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ErpSyncConsumer.class);

    private final ErpSyncProperties properties;
    private final SyncedLedger ledger;
    private final OutcomeIndex index;
    private final OrderSync sync;
    private final PollLoop loop;
    private ExecutorService workers;
    private volatile KeyedScheduler scheduler;

    ErpSyncConsumer(ErpSyncProperties properties, Supplier<KafkaConsumer<String, String>> consumers,
                    SyncedLedger ledger, OutcomeIndex index, OrderSync sync, CircuitBreaker breaker,
                    ErpSyncMetrics metrics, LoopWatch watch, Offsets offsets, OutcomeSink sink) {
        this.properties = properties;
        this.ledger = ledger;
        this.index = index;
        this.sync = sync;
        ErpSyncProperties.Consumer c = properties.consumer();
        // Whoever had a partition recorded its ERP confirmations before giving it up: held until the ledger read them.
        HeldPartitions held = new HeldPartitions(index, ledger::catchUp, "the ledger", properties.ledger().catchUpTimeout());
        this.loop = new PollLoop(new PollLoop.Settings("erp-sync-poll", properties.topics().source(), "ERP",
                c.pollTimeout(), c.commitInterval(), c.shutdownTimeout(), c.shutdownTimeout(), c.maxBuffered()),
                consumers, this, offsets, sink, held, breaker, watch);
        metrics.gauges(this::inFlight, this::buffered, loop::paused, breaker);
    }

    @Override
    public synchronized void start() {
        if (loop.isRunning()) {
            return;
        }
        ErpSyncProperties.Consumer c = properties.consumer();
        index.start();
        ledger.start(); // every assigned partition is held until it has caught up
        // More workers than ERP call slots (OrderSync bounds the calls): a worker writing its ledger confirmation
        // after its call does not hold up the next call.
        int slots = c.maxInFlight() * 4;
        workers = PollLoop.workers("erp-sync-worker", slots);
        scheduler = new KeyedScheduler(slots, c.maxInFlightPerPartition(), workers, this::finish);
        loop.start();
        LOG.info("consuming {} as group {} into ERP {}: max in flight {}, per partition {}",
                properties.topics().source(), c.groupId(), properties.erp().baseUrl(), c.maxInFlight(), c.maxInFlightPerPartition() == 0 ? "unbounded" : c.maxInFlightPerPartition());
    }

    @Override
    public void accept(ConsumerRecord<String, String> record, PartitionOffsets read) {
        scheduler.offer(new Work(record, read));
    }

    @Override
    public int pending() {
        return buffered();
    }

    /** Not started: dropped; running: cancelled (a call in progress finishes) and waited for up to {@code wait}. */
    @Override
    public boolean release(Collection<TopicPartition> partitions, Duration wait) {
        return scheduler.release(new HashSet<>(partitions), wait.toMillis());
    }

    @Override
    public void close() {
        workers.shutdownNow();
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

    @Override
    public void stop() {
        loop.stop();
        ledger.close();
    }

    /**
     * Stops like a crash right after the calls in progress returned: no final commit, so every record since the
     * last periodic commit is delivered again to whoever consumes next. For tests.
     */
    void halt() {
        loop.halt();
        ledger.close();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
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
}
