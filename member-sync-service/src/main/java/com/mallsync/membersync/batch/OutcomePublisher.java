package com.mallsync.membersync.batch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.OutcomeRecords;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.Publication;
import com.mallsync.runtime.Reasons;
import com.mallsync.runtime.UnreadableSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order's outcome for {@code orders.outcomes.v1} and, for REJECTED and FAILED, the source record with error
 * headers for {@code orders.paid.v1.member-sync.dlt}, both built by {@link OutcomeRecords} as erp-sync builds its
 * own, claimed in the outcome index and handed with the order to {@link FinishedOrders}: the poll loop's
 * {@link OutcomeSink} publishes them in the transaction that commits the order's offset. Nobody waits for Kafka here;
 * outcomes are counted when their transaction commits, and a claim is released when it never will.
 */
final class OutcomePublisher {

    /** The 2030 answers no code of its own worth a header: its refusals are in the reason. */
    private static final OutcomeRecords RECORDS = new OutcomeRecords("member-sync-service", Topics.MEMBER_SYNC_GROUP,
            "com.mallsync.membersync", Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT);
    private static final Logger LOG = LoggerFactory.getLogger(OutcomePublisher.class);

    private final OutcomeIndex index;
    private final MemberSyncMetrics metrics;
    private final Clock clock;
    private final FinishedOrders finished;

    OutcomePublisher(OutcomeIndex index, MemberSyncMetrics metrics, Clock clock, FinishedOrders finished) {
        this.index = index;
        this.metrics = metrics;
        this.clock = clock;
        this.finished = finished;
    }

    /**
     * One outcome for each order given (all of the same status), plus their DLT records for REJECTED and FAILED;
     * each order is finished with them. An order whose outcome got published meanwhile (the same order read twice:
     * a twin in a batch, a second copy decided beside the original) is finished with none, so each order has one
     * outcome.
     */
    void publish(List<PendingOrder> orders, SyncStatus status, String externalRef, String text) {
        String reason = Reasons.cut(text);
        for (PendingOrder o : orders) {
            if (!o.offsets.held()) {
                // Its partition was revoked or lost meanwhile (a refused commit, a rebalance): the order is read
                // again from the commit. No claim: one standing until the loop drops this publication would make
                // the re-read copy skip as "already decided", and no outcome would ever be published for it.
                finished.add(o);
                continue;
            }
            OutcomeIndex.Claim claim = index.tryClaim(o.eventId(), status, o.replayed());
            if (claim == null) {
                SyncStatus known = index.status(o.eventId()).orElse(null);
                metrics.skipped(known);
                LOG.info("no {} outcome for {}: its {} outcome is already published", status, o, known);
                finished.add(o);
                continue;
            }
            List<ProducerRecord<String, String>> records = new ArrayList<>(2);
            if (o.order != null) {
                records.add(RECORDS.outcome(SyncOutcome.of(o.order, SyncTarget.CRM_2030, status, externalRef,
                        o.calls(), reason, clock.instant())));
            } else {
                // Unreadable: REJECTED under the key's order (none when the key names no order).
                UnreadableSource.rejected(o.record, SyncTarget.CRM_2030, reason, clock.instant())
                        .ifPresent(outcome -> records.add(RECORDS.outcome(outcome)));
            }
            if (status == SyncStatus.REJECTED || status == SyncStatus.FAILED) {
                records.add(RECORDS.deadLetter(o.record, status, reason, Optional.empty()));
            }
            finished.add(o, Publication.of(records, () -> {
                index.published(claim);
                committed(o, status, externalRef, reason);
            },
                    () -> index.release(claim)));
        }
    }

    private void committed(PendingOrder o, SyncStatus status, String externalRef, String reason) {
        metrics.outcome(status);
        if (status.settled()) {
            LOG.debug("{} {} {} ref={} calls={} {}", status, o.record.key(), o.order == null ? null : o.order.event(),
                    externalRef, o.calls(), reason == null ? "" : reason);
        } else {
            LOG.warn("{} {} calls={} reason={}", status, o.record.key(), o.calls(), reason);
        }
    }
}
