package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.erpsync.client.ErpClient;
import com.mallsync.erpsync.client.ErpReply;
import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedEntry;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.erpsync.mapping.ErpTrade;
import com.mallsync.erpsync.mapping.ErpTradeMapping;
import com.mallsync.erpsync.mapping.MappingException;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex;

/**
 * One record's whole path: read it, skip it if its outcome is already published (a redelivery), answer from the
 * ledger if the ERP already has it, map it, call the ERP until the reply
 * decides, record a confirmation in the ledger, publish the outcome (and the dead letter). Runs on a worker.
 *
 * <p>Retry and breaker, on purpose in this order: every attempt passes the breaker once (so an outage opens it
 * after a few calls, resilience4j #2383 is avoided by not stacking a Retry around it), and a failed attempt is
 * charged to the order's own budget only when the breaker is still closed afterwards. While the breaker is open the
 * order waits without calling and without spending budget, so an outage sends nothing to the DLT, and the order
 * that met the open breaker is called again after it closes. One sick order among healthy ones cannot open the
 * breaker (its few failures are a small share of the window) and ends FAILED when its budget is spent.
 */
class OrderSync {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSync.class);

    private final ErpSyncProperties properties;
    private final ErpClient client;
    private final SyncedLedger ledger;
    private final OutcomeIndex index;
    private final OutcomeWriter writer;
    private final CircuitBreaker breaker;
    private final SyncMetrics metrics;
    private final Clock clock;
    /** ERP calls in progress are bounded here, not by the worker count: Kafka writes do not hold a call slot. */
    private final Semaphore calls;
    private final int maxCalls;

    OrderSync(ErpSyncProperties properties, ErpClient client, SyncedLedger ledger, OutcomeIndex index,
              OutcomeWriter writer, CircuitBreaker breaker, SyncMetrics metrics, Clock clock) {
        this.properties = properties;
        this.client = client;
        this.ledger = ledger;
        this.index = index;
        this.writer = writer;
        this.breaker = breaker;
        this.metrics = metrics;
        this.clock = clock;
        this.maxCalls = properties.consumer().maxInFlight();
        this.calls = new Semaphore(maxCalls, true);
    }

    /** ERP calls in progress now. */
    int callsInFlight() {
        return maxCalls - calls.availablePermits();
    }

    /** @return true when the record's fate is decided and written; false when it was cancelled first */
    boolean process(Work work) {
        OrderPaid order;
        try {
            order = Json.read(work.record.value(), OrderPaid.class);
            if (order.schemaVersion() != OrderPaid.SCHEMA_VERSION || order.orderNo() == null) {
                throw new IllegalArgumentException("unknown schemaVersion " + order.schemaVersion() + " or no orderNo");
            }
        } catch (RuntimeException e) {
            LOG.warn("unreadable record {}: {}", work, e.toString());
            return unreadable(work, e);
        }
        // The outcome index decides whether an outcome is still to be published; the ledger whether to call.
        if (alreadyDecided(work, order.eventId(), order.key())) {
            return true;
        }
        Optional<SyncedEntry> known = ledger.find(order.key());
        if (known.isPresent()) {
            SyncedEntry entry = known.get();
            if (order.eventId().equals(entry.eventId())) {
                // The ERP confirmed this very event but its outcome never got out (a crash between the ledger write
                // and the outcome): publish that SYNCED now, without calling again.
                LOG.info("synced {} as ERP order {} (from the ledger; no outcome was published yet)", order.key(),
                        entry.outerTradeId());
                return finish(work, order, SyncStatus.SYNCED, entry.outerTradeId(), entry.attempts(), null, null);
            }
            LOG.info("duplicate {}: already ERP order {}", order.key(), entry.outerTradeId());
            return finish(work, order, SyncStatus.DUPLICATE, entry.outerTradeId(), 0, null, null);
        }
        ErpTrade trade;
        try {
            trade = ErpTradeMapping.map(order, properties.mall(order.mallId()));
        } catch (MappingException e) {
            LOG.info("rejected {} before sending: {}", order.key(), e.getMessage());
            return finish(work, order, SyncStatus.REJECTED, null, 0, "mapping: " + e.getMessage(), null);
        }
        return call(work, order, trade);
    }

    private boolean call(Work work, OrderPaid order, ErpTrade trade) {
        ErpSyncProperties.Retry retry = properties.retry();
        int attempts = 0;
        int charged = 0;
        String lastFailure = null;
        while (!work.cancelled()) {
            try {
                if (!calls.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                work.cancel();
                break;
            }
            ErpReply reply;
            long start;
            try {
                if (!breaker.tryAcquirePermission()) {
                    calls.release();
                    work.pause(retry.breakerPoll().toMillis());
                    continue;
                }
                attempts++;
                start = System.nanoTime();
                reply = client.send(trade);
            } catch (InterruptedException e) {
                breaker.releasePermission();
                Thread.currentThread().interrupt();
                work.cancel();
                calls.release();
                break;
            }
            calls.release();
            long took = System.nanoTime() - start;
            metrics.call(reply, took);
            if (reply instanceof ErpReply.Unavailable u) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new ErpUnavailableException(u.reason()));
                lastFailure = u.reason();
            } else {
                // The ERP answered: whatever it thinks of the order, it is up.
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            if (reply instanceof ErpReply.Accepted a) {
                return synced(work, order, a.outerTradeId(), attempts);
            }
            if (reply instanceof ErpReply.Refused r && !r.retryable()) {
                LOG.info("ERP rejected {}: Code {} {}", order.key(), r.code(), r.message());
                return finish(work, order, SyncStatus.REJECTED, null, attempts,
                        "ERP Code " + r.code() + ": " + r.message(), r.code());
            }
            if (reply instanceof ErpReply.Refused r) {
                lastFailure = "ERP Code " + r.code() + " (retryable): " + r.message();
            }
            if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                charged++;
            }
            if (charged >= retry.maxAttempts()) {
                LOG.warn("failed {} after {} attempts: {}", order.key(), attempts, lastFailure);
                return finish(work, order, SyncStatus.FAILED, null, attempts,
                        "gave up after " + attempts + " attempts: " + lastFailure, null);
            }
            LOG.debug("attempt {} for {} failed ({}); retrying", attempts, order.key(), lastFailure);
            work.pause(backoff(retry, Math.max(charged, 1)));
        }
        return false;
    }

    private boolean synced(Work work, OrderPaid order, String outerTradeId, int attempts) {
        SyncedEntry entry = new SyncedEntry(order.eventId(), outerTradeId, attempts, clock.instant());
        // Ledger and outcome are written side by side (one round trip, not two); both are acknowledged before the
        // record counts as finished, so its offset is never committed ahead of the ledger entry.
        CompletableFuture<?> ledgerWrite = ledger.recordAsync(order.key(), entry);
        LOG.info("synced {} as ERP order {} after {} attempt(s)", order.key(), outerTradeId, attempts);
        boolean published = finish(work, order, SyncStatus.SYNCED, outerTradeId, attempts, null, null);
        long backoff = 200;
        // The ERP has the order now: the ledger write must not be given up while we run, or a redelivery would
        // create it again. (A crash right here is the one window left; see the README.)
        while (true) {
            try {
                ledgerWrite.get(30, TimeUnit.SECONDS);
                return published;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("interrupted before recording ERP order {} of {}: a redelivery will call the ERP again",
                        outerTradeId, order.key());
                return false;
            } catch (Exception e) {
                LOG.error("could not record ERP order {} of {} in the ledger ({}); retrying", outerTradeId,
                        order.key(), e.toString());
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, 5_000);
                ledgerWrite = ledger.recordAsync(order.key(), entry);
            }
        }
    }

    /**
     * A redelivered record (after a crash, a rebalance, or a second copy) whose order already has its outcome here:
     * finished without a call and without a second outcome.
     */
    private boolean alreadyDecided(Work work, UUID eventId, String key) {
        if (index.decide(eventId, work.replayed()) == OutcomeIndex.Decision.PROCESS) {
            return false;
        }
        SyncStatus known = index.status(eventId).orElse(null);
        LOG.info("skipped {}: its {} outcome is already published (redelivered record {})", key, known, work);
        metrics.skipped(known);
        return true;
    }

    private boolean finish(Work work, OrderPaid order, SyncStatus status, String ref, int attempts, String reason,
                           String code) {
        SyncOutcome outcome = SyncOutcome.of(order, SyncTarget.ERP, status, ref, attempts, reason, clock.instant());
        return publish(work, outcome, code);
    }

    /** Outcome (and dead letter) unless another outcome of the order got in first; true when the record is done. */
    private boolean publish(Work work, SyncOutcome outcome, String code) {
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
    private boolean unreadable(Work work, RuntimeException e) {
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

    static long backoff(ErpSyncProperties.Retry retry, int failures) {
        double base = retry.initialBackoff().toMillis() * Math.pow(retry.multiplier(), failures - 1);
        double capped = Math.min(base, retry.maxBackoff().toMillis());
        double jitter = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * retry.jitter();
        return Math.max(1, Math.round(capped * jitter));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the breaker records for a call that got no usable answer. */
    static final class ErpUnavailableException extends RuntimeException {
        ErpUnavailableException(String reason) {
            super(reason, null, false, false);
        }
    }
}
