package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.OutcomeRecords;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.Publication;
import com.mallsync.runtime.Reasons;
import com.mallsync.runtime.UnreadableSource;

/**
 * The outcome side of {@link OrderSync}: whether a record's order is decided already (skip it), and one terminal
 * outcome per order (claimed in the outcome index first; the dead letter for REJECTED and FAILED), handed with the
 * record's offset to the {@link OutcomeSink}'s next transaction. The worker does not wait for Kafka: the outcome is
 * published, and counted, when that transaction commits; if it never does (the partition went to another
 * instance), the claim is released and the record is decided again by whoever reads it next.
 */
final class OutcomeGate {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeGate.class);

    private final OutcomeIndex index;
    private final OutcomeRecords records;
    private final ErpSyncMetrics metrics;
    private final Clock clock;

    OutcomeGate(OutcomeIndex index, OutcomeRecords records, ErpSyncMetrics metrics, Clock clock) {
        this.index = index;
        this.records = records;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A record whose order already has its outcome (a second copy of the event at another offset, a replay, a
     * redelivery after a crash): finished without a call and without a second outcome.
     */
    boolean alreadyDecided(Work work, UUID eventId, String key) {
        if (index.decide(eventId, work.replayed()) == OutcomeIndex.Decision.PROCESS) {
            return false;
        }
        SyncStatus known = index.status(eventId).orElse(null);
        LOG.info("skipped {}: its {} outcome is already published (redelivered record {})", key, known, work);
        metrics.skipped(known);
        return true;
    }

    boolean finish(Work work, OrderPaid order, SyncStatus status, String ref, int attempts, String reason,
                           String code) {
        SyncOutcome outcome = SyncOutcome.of(order, SyncTarget.ERP, status, ref, attempts, Reasons.cut(reason),
                clock.instant());
        return publish(work, outcome, code);
    }

    /** Outcome (and dead letter) unless another outcome of the order got in first; the record is done either way. */
    boolean publish(Work work, SyncOutcome outcome, String code) {
        SyncStatus status = outcome.status();
        OutcomeIndex.Claim claim = index.tryClaim(outcome.eventId(), status, work.replayed());
        if (claim == null) {
            metrics.skipped(index.status(outcome.eventId()).orElse(null));
            LOG.info("no {} outcome for {}: it got one meanwhile", status, outcome.key());
            return true;
        }
        List<ProducerRecord<String, String>> out = new ArrayList<>(2);
        if (status == SyncStatus.REJECTED || status == SyncStatus.FAILED) {
            out.add(records.deadLetter(work.record, status, outcome.reason(), Optional.ofNullable(code)));
        }
        out.add(records.outcome(outcome));
        work.finish(Publication.of(out, () -> {
            index.published(claim);
            metrics.outcome(outcome.event(), status);
        }, () -> index.release(claim)));
        return true;
    }

    /**
     * A record that is not an OrderPaid: REJECTED and dead-lettered; its outcome names the order of its key, under
     * an eventId of the record's own ({@link UnreadableSource}); a key naming no order gets the dead letter only.
     */
    boolean unreadable(Work work, RuntimeException e) {
        String reason = Reasons.cut("unreadable OrderPaid: " + e.getMessage());
        Optional<SyncOutcome> outcome = UnreadableSource.rejected(work.record, SyncTarget.ERP, reason,
                clock.instant());
        if (outcome.isPresent()) {
            if (alreadyDecided(work, outcome.get().eventId(), work.record.key())) {
                return true;
            }
            return publish(work, outcome.get(), null);
        }
        work.finish(Publication.of(List.of(records.deadLetter(work.record, SyncStatus.REJECTED, reason,
                Optional.empty())), () -> metrics.outcome(null, SyncStatus.REJECTED), null));
        return true;
    }
}
