package com.mallsync.membersync.batch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.OutcomeRecords;
import com.mallsync.runtime.Reasons;
import com.mallsync.runtime.UnreadableSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes an order's outcome to {@code orders.outcomes.v1} and, for REJECTED and FAILED, the source record with
 * error headers to {@code orders.paid.v1.member-sync.dlt}, both built by {@link OutcomeRecords} as erp-sync builds
 * its own. Completes once the broker acknowledged, retrying, because an offset may only be committed once its outcome
 * is published. The sending is member-sync's: a batch's outcomes go out together from the publisher's thread and
 * complete a future, so a sender is free for its next 2030 call (erp-sync's worker instead waits for each record).
 */
final class OutcomePublisher {

    /** The 2030 answers no code of its own worth a header: its refusals are in the reason. */
    private static final OutcomeRecords RECORDS = new OutcomeRecords("member-sync-service", Topics.MEMBER_SYNC_GROUP,
            "com.mallsync.membersync", Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT);
    private static final Logger LOG = LoggerFactory.getLogger(OutcomePublisher.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> kafka;
    private final OutcomeIndex index;
    private final MemberSyncMetrics metrics;
    private final Clock clock;
    private volatile boolean stopped;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            r -> {
                // daemon: stop() shuts it down; a context that was never stopped must not hold the JVM
                Thread t = new Thread(r, "member-sync-outcomes");
                t.setDaemon(true);
                return t;
            });

    OutcomePublisher(KafkaTemplate<String, String> kafka, OutcomeIndex index, MemberSyncMetrics metrics, Clock clock) {
        this.kafka = kafka;
        this.index = index;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One outcome for each order given (all of the same status), plus their DLT records for REJECTED and FAILED.
     * Completes when the broker acknowledged all of them; a failed send is repeated (every second) until it works
     * or the service stops, because the orders' offsets wait for it.
     *
     * <p>An order whose outcome got published meanwhile (the same order read twice: a twin in a batch, a redelivery
     * decided beside the original) gets none here: it is finished as it is, so each order has one outcome.
     */
    CompletableFuture<Void> publish(List<PendingOrder> orders, SyncStatus status, String externalRef, String text) {
        String reason = Reasons.cut(text);
        List<PendingOrder> first = new ArrayList<>(orders.size());
        for (PendingOrder o : orders) {
            if (index.claim(o.eventId(), status, o.replayed())) {
                first.add(o);
            } else {
                SyncStatus known = index.status(o.eventId()).orElse(null);
                metrics.skipped(known);
                LOG.info("no {} outcome for {}: its {} outcome is already published", status, o, known);
            }
        }
        return send(first, status, externalRef, reason);
    }

    private CompletableFuture<Void> send(List<PendingOrder> orders, SyncStatus status, String externalRef,
                                         String reason) {
        if (orders.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Serialising and handing records to the producer happens on the publisher's own thread, so a sender
        // is free for its next 2030 call as soon as the CRM answered.
        return CompletableFuture.supplyAsync(() -> attempt(orders, status, externalRef, reason), executor)
                .thenCompose(f -> f).handle((ok, e) -> {
            if (e == null) {
                logAndCount(orders, status, externalRef, reason);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (stopped) {
                return CompletableFuture.<Void>failedFuture(e);
            }
            // A repeat may publish an outcome twice; readers of outcomes key on eventId + status.
            LOG.warn("publishing {} {} outcome(s) failed, again in 1 s: {}", orders.size(), status, e.toString());
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                    .thenCompose(x -> send(orders, status, externalRef, reason));
        }).thenCompose(f -> f);
    }

    /** Stops repeating failed sends (the service is stopping; unfinished orders stay uncommitted). */
    void stop() {
        stopped = true;
        executor.shutdown();
    }

    private CompletableFuture<Void> attempt(List<PendingOrder> orders, SyncStatus status, String externalRef,
                                            String reason) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        try {
            for (PendingOrder o : orders) {
                if (o.order != null) {
                    SyncOutcome outcome = SyncOutcome.of(o.order, SyncTarget.CRM_2030, status, externalRef,
                            o.calls(), reason, clock.instant());
                    acks.add(kafka.send(RECORDS.outcome(outcome)));
                } else {
                    // Unreadable: REJECTED under the key's order (none when the key names no order).
                    UnreadableSource.rejected(o.record, SyncTarget.CRM_2030, reason, clock.instant())
                            .ifPresent(outcome -> acks.add(kafka.send(RECORDS.outcome(outcome))));
                }
                if (status == SyncStatus.REJECTED || status == SyncStatus.FAILED) {
                    acks.add(kafka.send(RECORDS.deadLetter(o.record, status, reason, Optional.empty())));
                }
            }
        } catch (RuntimeException e) {
            acks.add(CompletableFuture.failedFuture(e));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void logAndCount(List<PendingOrder> orders, SyncStatus status, String externalRef, String reason) {
        for (PendingOrder o : orders) {
            metrics.outcome(status);
            if (status.settled()) {
                LOG.debug("{} {} {} ref={} calls={} {}", status, o.record.key(), o.order == null ? null : o.order.event(),
                        externalRef, o.calls(), reason == null ? "" : reason);
            } else {
                LOG.warn("{} {} calls={} reason={}", status, o.record.key(), o.calls(), reason);
            }
        }
    }
}
