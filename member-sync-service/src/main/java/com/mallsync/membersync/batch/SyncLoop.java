package com.mallsync.membersync.batch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.lifecycle.CrmDecision;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.outcomes.HeldPartitions;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.FetchGate;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.PartitionOffsets;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The consumer of {@code orders.paid.v1} for group {@code member-sync}: a plain poll loop on one thread with its own
 * commits (not a listener container), because a 2030 batch outlives a poll: it lingers across polls, mixes
 * partitions, and several are in flight at once. Everything touching the consumer happens on this thread, between
 * polls: pausing for the breaker (no WakeupException mid-record, spring-kafka #2738), pausing for back-pressure,
 * and, every commit interval, one transaction of the {@link OutcomeSink}: the outcomes and dead letters of each
 * partition's finished prefix with the offsets after it (up to the lowest unfinished record).
 */
public final class SyncLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

    private final Supplier<Consumer<String, String>> consumers;
    private final OrderIntake intake;
    private final BatchSender sender;
    private final OutcomePublisher publisher;
    private final OutcomeIndex index;
    private final CircuitBreaker breaker;
    private final MemberSyncMetrics metrics;
    private final MemberSyncProperties props;
    private final Offsets offsets;
    private final OutcomeSink sink;
    private final FinishedOrders finished;
    private final Rebalance rebalance = new Rebalance();
    private final OrderLines lines = new OrderLines();
    /** Partitions assigned now; read by sender threads to skip orders of partitions revoked meanwhile. */
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final OpenBatches open;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final HeldPartitions held;
    private final LoopWatch watch;
    private ExecutorService senders;
    private Consumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    SyncLoop(Supplier<Consumer<String, String>> consumers, OrderIntake intake, BatchSender sender,
             OutcomePublisher publisher, FinishedOrders finished, Offsets offsets, OutcomeSink sink,
             OutcomeIndex index, CircuitBreaker breaker, MemberSyncMetrics metrics, MemberSyncProperties props,
             LoopWatch watch) {
        this.finished = finished;
        finished.then(this::released);
        this.offsets = offsets;
        this.sink = sink;
        this.watch = watch;
        this.consumers = consumers;
        this.intake = intake;
        this.sender = sender;
        this.publisher = publisher;
        this.index = index;
        this.held = new HeldPartitions(index);
        this.breaker = breaker;
        this.metrics = metrics;
        this.props = props;
        this.open = new OpenBatches(props.batch().maxSize(), props.batch().linger());
    }

    @Override
    public void start() {
        index.start();
        senders = Executors.newFixedThreadPool(props.crm().maxConcurrentRequests(), named("member-sync-sender"));
        running = true;
        thread = new Thread(this::run, "member-sync-poll");
        thread.setDaemon(true); // the web server keeps the process alive; an unclosed test context must not
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(props.consumer().shutdownTimeout().plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Throwable failure = null;
        try {
            consumer = consumers.get();
            consumer.subscribe(List.of(Topics.ORDERS_PAID), rebalance);
            watch.running();
            long nextCommit = 0;
            while (running) {
                finished.drain(0);
                if (System.nanoTime() - nextCommit >= 0) {
                    commit();
                    nextCommit = System.nanoTime() + props.consumer().commitInterval().toNanos();
                }
                dispatchDue(false);
                pauseOrResume();
                for (ConsumerRecord<String, String> record : consumer.poll(pollTimeout())) {
                    accept(record);
                }
            }
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            LOG.error("member-sync poll loop stopped; uncommitted records will be read again", e);
            failure = e;
        } finally {
            senders.shutdownNow();
            sink.close();
            if (consumer != null) {
                try {
                    consumer.close(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.warn("closing the consumer failed: {}", e.toString());
                }
            }
            if (failure != null) {
                watch.failed(failure);
            } else {
                watch.stopped();
            }
        }
    }

    /**
     * One record, whatever it holds: an order batched, or its outcome published (REJECTED for what can never be
     * sent). Something unexpected while taking it makes it FAILED + DLT (replayable once fixed) instead of ending the
     * loop or leaving its offset unfinished for good.
     */
    private void accept(ConsumerRecord<String, String> record) {
        PartitionOffsets read = offsets.read(record);
        try {
            take(record, read);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure taking {}-{}@{}; FAILED + DLT", record.topic(), record.partition(),
                    record.offset(), e);
            PendingOrder failed = new PendingOrder(record, read, readable(record));
            publisher.publish(List.of(failed), failed.order == null ? SyncStatus.REJECTED : SyncStatus.FAILED, null,
                    "unexpected error, replay once fixed: " + e);
        }
    }

    private static OrderPaid readable(ConsumerRecord<String, String> record) {
        try {
            OrderPaid order = Json.readEvent(record.value());
            return order != null && order.eventId() != null && order.orderNo() != null ? order : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void take(ConsumerRecord<String, String> record, PartitionOffsets read) {
        OrderIntake.Result result = intake.read(record, read);
        if (result instanceof OrderIntake.Refused refused) {
            PendingOrder order = refused.order();
            if (!redelivered(order)) {
                publisher.publish(List.of(order), SyncStatus.REJECTED, null, refused.reason());
            }
            return;
        }
        PendingOrder event = ((OrderIntake.Read) result).order(); // sealed: the only other kind
        if (lines.enter(event)) {
            decideSafely(event);
        } else {
            LOG.debug("{} ({}) waits for an earlier event of its order", event, event.order.event());
        }
    }

    /** The head of an order's line finished: decide the next event of that order (on the loop thread, in drain). */
    private void released(PendingOrder finished) {
        PendingOrder next = lines.finished(finished);
        if (next != null) {
            decideSafely(next);
        }
    }

    /** Something unexpected while deciding makes the event FAILED + DLT (so its order's line moves on). */
    private void decideSafely(PendingOrder event) {
        try {
            decide(event);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure deciding {}; FAILED + DLT", event, e);
            publisher.publish(List.of(event), SyncStatus.FAILED, null, "unexpected error, replay once fixed: " + e);
        }
    }

    /** An event whose order has nothing undecided before it: skipped, uploaded (batched), SKIPPED or REJECTED. */
    private void decide(PendingOrder event) {
        if (redelivered(event)) {
            return;
        }
        CrmDecision decision = intake.decide(event, index::status);
        if (decision instanceof CrmDecision.Skip skip) {
            LOG.info("SKIPPED {} ({}): {}", event, event.order.event(), skip.reason());
            publisher.publish(List.of(event), SyncStatus.SKIPPED, null, skip.reason());
            return;
        }
        if (decision instanceof CrmDecision.Reject reject) {
            publisher.publish(List.of(event), SyncStatus.REJECTED, null, reject.reason());
            return;
        }
        open.add(event, System.nanoTime()).ifPresent(this::dispatch);
    }

    /**
     * Redelivered (after a crash or a rebalance) or repeated: its outcome is out already. No call, no second
     * outcome; the offset moves on.
     */
    private boolean redelivered(PendingOrder read) {
        if (index.decide(read.eventId(), read.replayed()) != OutcomeIndex.Decision.SKIP) {
            return false;
        }
        SyncStatus known = index.status(read.eventId()).orElse(null);
        LOG.info("skipped {}: its {} outcome is already published", read, known);
        metrics.skipped(known);
        finished.add(read);
        return true;
    }

    private void dispatchDue(boolean all) {
        open.takeDue(System.nanoTime(), all).forEach(this::dispatch);
    }

    private void dispatch(Batch batch) {
        if (batch.records() == 0) {
            return;
        }
        LOG.debug("batch {}: {} orders for ShopCode {}", batch.id, batch.size(), batch.shopCode);
        inFlight.incrementAndGet();
        senders.execute(() -> {
            try {
                // Queued while its partitions were revoked: the new owner reads those orders again; sending them
                // here too would only earn duplicate replies.
                // (held: not forgotten since it was read; a partition lost and taken up again is owned again,
                // but the copies read before are not its records any more)
                batch.removeIf(o -> !owned.contains(o.offsets.partition()) || !o.offsets.held());
                if (batch.records() == 0) {
                    return;
                }
                // Every order and twin is finished by the publisher, with its outcome, as it is settled.
                sender.deliver(batch);
            } catch (InterruptedException e) {
                // stopping: these orders stay uncommitted and are read again after a restart
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("batch {} failed unexpectedly; its orders stay uncommitted", batch.id, e);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private Duration pollTimeout() {
        return open.untilDue(System.nanoTime(), props.consumer().pollTimeout());
    }

    /** Breaker open, or too much read and not finished → stop fetching ({@link FetchGate}). */
    private void pauseOrResume() {
        Set<TopicPartition> stillHeld = held.stillHeld();
        int pending = offsets.unfinished();
        metrics.pending.set(pending);
        metrics.waiting.set(lines.waiting());
        CircuitBreaker.State state = breaker.getState();
        FetchGate gate = FetchGate.decide(state, pending, props.maxPending(), consumer.assignment(), consumer.paused(),
                stillHeld);
        if (!gate.pause().isEmpty()) {
            consumer.pause(gate.pause());
            if (gate.breakerOpen()) {
                LOG.warn("CRM circuit breaker {}: fetching paused, lag will grow until the CRM answers", state);
            }
        }
        if (!gate.resume().isEmpty()) {
            consumer.resume(gate.resume());
            LOG.info("fetching resumed (breaker {}, {} pending)", state, pending);
        }
        metrics.paused.set(gate.gauge());
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

    /** Graceful stop: flush what is open, wait for what is in flight (bounded), commit what finished. */
    private void shutdown() throws InterruptedException {
        dispatchDue(true);
        long deadline = System.nanoTime() + props.consumer().shutdownTimeout().toNanos();
        while (inFlight.get() > 0 || offsets.unfinished() > 0) {
            if (System.nanoTime() > deadline) {
                LOG.warn("stopping with {} batch(es) still in flight: their orders stay uncommitted", inFlight.get());
                break;
            }
            finished.drain(50);
            dispatchDue(true); // events of an order released by the one before them
        }
        finished.drain(0);
        commit(consumer.assignment());
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // daemon: an orderly stop shuts the pool down; a context that was never stopped must not hold the JVM
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs inside poll(), on the loop thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            owned.removeAll(partitions);
            // Not yet sent: drop them (uncommitted, the new owner reads them); wait only for those in flight.
            Map<TopicPartition, Integer> dropped = open.drop(partitions);
            lines.dropWaiting(partitions).forEach((tp, n) -> dropped.merge(tp, n, Integer::sum));
            long deadline = System.nanoTime() + props.consumer().revokeTimeout().toNanos();
            try {
                while (partitions.stream().anyMatch(tp -> offsets.unfinished(tp) > dropped.getOrDefault(tp, 0))
                        && System.nanoTime() < deadline) {
                    finished.drain(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Before the new owner reads them: what is finished goes out with its offsets. A refused or failed
            // transaction must not end the loop: the new owner reads from the last commit and decides the rest.
            try {
                commit(partitions);
            } catch (RuntimeException e) {
                LOG.warn("commit on revocation failed: {}", e.toString());
            }
            held.forget(partitions);
            lines.forget(partitions);
            offsets.forget(partitions); // what did not commit is dropped, claims released
            LOG.info("partitions revoked {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            owned.removeAll(partitions);
            held.forget(partitions);
            open.drop(partitions);
            lines.forget(partitions);
            offsets.forget(partitions);
            LOG.warn("partitions lost {}: their unfinished orders will be read again by the new owner", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            owned.addAll(partitions);
            LOG.info("partitions assigned {}", partitions);
            held.hold(consumer, partitions); // paused until the outcome index knows what was published before
        }
    }
}
