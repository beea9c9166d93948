package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex;

/**
 * The outcome side of {@link OrderSync}: whether a record's order is decided already (skip it), and publishing one
 * terminal outcome per order (claimed in the outcome index first; the dead letter for REJECTED and FAILED).
 */
final class OutcomeGate {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeGate.class);

    private final OutcomeIndex index;
    private final OutcomeWriter writer;
    private final SyncMetrics metrics;
    private final Clock clock;

    OutcomeGate(OutcomeIndex index, OutcomeWriter writer, SyncMetrics metrics, Clock clock) {
        this.index = index;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A redelivered record (after a crash, a rebalance, or a second copy) whose order already has its outcome here:
     * finished without a call and without a second outcome.
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
        SyncOutcome outcome = SyncOutcome.of(order, SyncTarget.ERP, status, ref, attempts, reason, clock.instant());
        return publish(work, outcome, code);
    }

    /** Outcome (and dead letter) unless another outcome of the order got in first; true when the record is done. */
    boolean publish(Work work, SyncOutcome outcome, String code) {
        SyncStatus status = outcome.status();
        OutcomeIndex.Claim claim = index.tryClaim(outcome.eventId(), status, work.replayed());
        if (claim == null) {
            metrics.skipped(index.status(outcome.eventId()).orElse(null));
            LOG.info("no {} outcome for {}: it got one meanwhile", status, outcome.key());
            return true;
        }
        boolean undelivered = status == SyncStatus.REJECTED || status == SyncStatus.FAILED;
        if ((undelivered && !writer.deadLetter(work, status.name(), code, outcome.reason()))
                || !writer.outcome(outcome, work)) {
            index.release(claim); // not published: the record stays uncommitted and will be decided again
            return false;
        }
        metrics.outcome(status);
        return true;
    }

    /** A record that is not an OrderPaid: dead-lettered; an outcome too when its key names an order. */
    boolean unreadable(Work work, RuntimeException e) {
        String reason = "unreadable OrderPaid: " + e.getMessage();
        String key = work.record.key();
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon > 0) {
            try {
                long mallId = Long.parseLong(key.substring(0, colon));
                String orderNo = key.substring(colon + 1);
                UUID eventId = OrderPaid.eventIdFor(mallId, orderNo);
                if (alreadyDecided(work, eventId, key)) {
                    return true;
                }
                return publish(work, new SyncOutcome(eventId, mallId, orderNo, SyncTarget.ERP, SyncStatus.REJECTED,
                        null, 0, reason, clock.instant()), null);
            } catch (NumberFormatException ignored) {
                // no order to speak of: the dead letter is all there is
            }
        }
        if (!writer.deadLetter(work, SyncStatus.REJECTED.name(), null, reason)) {
            return false;
        }
        metrics.outcome(SyncStatus.REJECTED);
        return true;
    }
}
