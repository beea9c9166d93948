package com.mallsync.membersync.batch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.lifecycle.CrmDecision;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.outcomes.HeldPartitions;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.PartitionOffsets;
import com.mallsync.runtime.PollLoop;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * member-sync's side of the shared {@link PollLoop} (group {@code member-sync} on {@code orders.paid.v1}): the
 * ShopCode batcher. Each record read is decided on the loop thread (skipped when its outcome is out, REJECTED or
 * SKIPPED, or batched per ShopCode); batches are sent by a pool of senders when full or due, and their orders come
 * back through {@link FinishedOrders}, taken in between polls. The loop does the rest: pausing, held partitions,
 * the transactions of outcomes and offsets, revocation and the stop.
 */
public final class SyncLoop implements SmartLifecycle, PollLoop.Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

    private final OrderIntake intake;
    private final BatchSender sender;
    private final OutcomePublisher publisher;
    private final OutcomeIndex index;
    private final MemberSyncMetrics metrics;
    private final MemberSyncProperties props;
    private final Offsets offsets;
    private final FinishedOrders finished;
    private final OrderLines lines = new OrderLines();
    /** Partitions assigned now; read by sender threads to skip orders of partitions revoked meanwhile. */
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final OpenBatches open;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PollLoop loop;
    private ExecutorService senders;

    SyncLoop(Supplier<Consumer<String, String>> consumers, OrderIntake intake, BatchSender sender,
             OutcomePublisher publisher, FinishedOrders finished, Offsets offsets, OutcomeSink sink,
             OutcomeIndex index, CircuitBreaker breaker, MemberSyncMetrics metrics, MemberSyncProperties props,
             LoopWatch watch) {
        this.finished = finished;
        finished.then(this::released);
        this.offsets = offsets;
        this.intake = intake;
        this.sender = sender;
        this.publisher = publisher;
        this.index = index;
        this.metrics = metrics;
        this.props = props;
        this.open = new OpenBatches(props.batch().maxSize(), props.batch().linger());
        MemberSyncProperties.Consumer c = props.consumer();
        this.loop = new PollLoop(new PollLoop.Settings("member-sync-poll", Topics.ORDERS_PAID, "CRM", c.pollTimeout(),
                c.commitInterval(), c.revokeTimeout(), c.shutdownTimeout(), props.maxPending()), consumers, this,
                offsets, sink, new HeldPartitions(index), breaker, watch);
        metrics.paused(loop::paused);
    }

    @Override
    public void start() {
        index.start();
        senders = PollLoop.workers("member-sync-sender", props.crm().maxConcurrentRequests());
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /**
     * One record, whatever it holds: an order batched, or its outcome published (REJECTED for what can never be
     * sent). Something unexpected while taking it makes it FAILED + DLT (replayable once fixed) instead of ending the
     * loop or leaving its offset unfinished for good.
     */
    @Override
    public void accept(ConsumerRecord<String, String> record, PartitionOffsets read) {
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

    @Override
    public int pending() {
        return offsets.unfinished();
    }

    /** Takes in what the senders finished (deciding the next event of each order) and sends the batches due. */
    @Override
    public void beforePoll() {
        finished.drain();
        dispatchDue(false);
        metrics.pending.set(pending());
        metrics.waiting.set(lines.waiting());
    }

    @Override
    public Duration pollTimeout(Duration max) {
        return open.untilDue(System.nanoTime(), max);
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
    }

    /** Not yet sent: dropped (uncommitted, the next owner reads them); only those in flight are waited for. */
    @Override
    public boolean release(Collection<TopicPartition> partitions, Duration wait) {
        owned.removeAll(partitions);
        Map<TopicPartition, Integer> dropped = open.drop(partitions);
        lines.dropWaiting(partitions).forEach((tp, n) -> dropped.merge(tp, n, Integer::sum));
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!settled(partitions, dropped) && System.nanoTime() < deadline) {
                finished.drain(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lines.forget(partitions);
        return settled(partitions, dropped);
    }

    /** Nothing of these partitions unfinished but the orders just dropped (not sent, read again by the next owner). */
    private boolean settled(Collection<TopicPartition> partitions, Map<TopicPartition, Integer> dropped) {
        return partitions.stream().allMatch(tp -> offsets.unfinished(tp) <= dropped.getOrDefault(tp, 0));
    }

    /** An orderly stop: what is open is sent, and what is in flight waited for (bounded). */
    @Override
    public boolean finish(Collection<TopicPartition> assigned, Duration wait) {
        dispatchDue(true);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while ((inFlight.get() > 0 || offsets.unfinished() > 0) && System.nanoTime() < deadline) {
                finished.drain(50);
                dispatchDue(true); // events of an order released by the one before them
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finished.drain(); // what finished at the last moment is committed too
        return inFlight.get() == 0 && offsets.unfinished() == 0;
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
