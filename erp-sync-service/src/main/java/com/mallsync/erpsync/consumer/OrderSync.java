package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.erpsync.client.ErpClient;
import com.mallsync.erpsync.client.ErpReply;
import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.LedgerWindowGuard;
import com.mallsync.erpsync.ledger.SyncedEntry;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.erpsync.mapping.ErpTrade;
import com.mallsync.erpsync.mapping.MappingException;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.OutcomeRecords;

/**
 * One record's whole path: read it, skip it if its outcome is already published (a redelivery), decide what its
 * event means at the ERP ({@link EventPlanner}: the sale, a return, SKIPPED or REJECTED), answer from the ledger
 * (under the call's own key: the sale's or the return's) if the ERP already has it, refuse it if the ledger may have
 * forgotten it ({@link LedgerWindowGuard}: paid before the ledger's window), map it, mark the call in the
 * ledger, call the ERP until the reply decides, record a confirmation in the ledger, publish the outcome (and the
 * dead letter). Runs on a worker.
 *
 * <p>In doubt: a call that got no reply in time, or a pending mark left by an instance that stopped mid-call, means
 * the ERP may have created the order already; {@code erp-sync.in-doubt.policy} decides (see
 * {@link ErpSyncProperties.InDoubt}).
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
    private final LedgerMarks marks;
    private final OutcomeGate gate;
    private final EventPlanner planner;
    private final CircuitBreaker breaker;
    private final ErpSyncMetrics metrics;
    /** ERP calls in progress are bounded here, not by the worker count: ledger writes do not hold a call slot. */
    private final Semaphore calls;
    private final int maxCalls;

    OrderSync(ErpSyncProperties properties, ErpClient client, SyncedLedger ledger, OutcomeIndex index,
              OutcomeRecords records, CircuitBreaker breaker, ErpSyncMetrics metrics, Clock clock) {
        this.properties = properties;
        this.client = client;
        this.ledger = ledger;
        this.marks = new LedgerMarks(ledger, clock, properties.consumer().maxInFlight());
        this.gate = new OutcomeGate(index, records, metrics, clock);
        this.planner = new EventPlanner(index, properties::mall, clock);
        this.breaker = breaker;
        this.metrics = metrics;
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
            order = work.record.value() == null ? null : Json.readEvent(work.record.value());
            if (order == null) {
                throw new IllegalArgumentException("no value");
            }
            if (!OrderPaid.readableVersion(order.schemaVersion()) || order.orderNo() == null
                    || order.eventId() == null) {
                throw new IllegalArgumentException("unknown schemaVersion " + order.schemaVersion()
                        + ", or no orderNo or eventId");
            }
        } catch (RuntimeException e) {
            LOG.warn("unreadable record {}: {}", work, e.toString());
            return gate.unreadable(work, e);
        }
        // The outcome index decides whether an outcome is still to be published; the ledger whether to call.
        if (gate.alreadyDecided(work, order.eventId(), order.key())) {
            return true;
        }
        EventPlan plan = planner.plan(order);
        if (plan instanceof EventPlan.Skip skip) {
            LOG.info("skipped {} {}: {}", order.key(), order.event(), skip.reason());
            return gate.finish(work, order, SyncStatus.SKIPPED, null, 0, skip.reason(), null);
        }
        if (plan instanceof EventPlan.Reject reject) {
            LOG.info("rejected {} {} before sending: {}", order.key(), order.event(), reject.reason());
            return gate.finish(work, order, SyncStatus.REJECTED, null, 0, reject.reason(), null);
        }
        EventPlan.Call call = (EventPlan.Call) plan;
        Optional<SyncedEntry> known = ledger.find(call.ledgerKey());
        String doubt = null;
        if (known.isPresent() && known.get().pending()) {
            doubt = "a call made at " + known.get().at() + " got no recorded answer (the service stopped mid-call)";
        } else if (known.isPresent()) {
            SyncedEntry entry = known.get();
            if (order.eventId().equals(entry.eventId())) {
                // The ERP confirmed this very event but its outcome never got out (a crash between the ledger write
                // and the outcome): publish that SYNCED now, without calling again.
                LOG.info("synced {} ({}) as ERP order {} (from the ledger; no outcome was published yet)",
                        order.key(), call.what(), entry.outerTradeId());
                return gate.finish(work, order, SyncStatus.SYNCED, entry.outerTradeId(), entry.attempts(), null, null);
            }
            LOG.info("duplicate {} ({}): already ERP order {}", order.key(), call.what(), entry.outerTradeId());
            return gate.finish(work, order, SyncStatus.DUPLICATE, entry.outerTradeId(), 0, null, null);
        } else if (LedgerWindowGuard.check(order, ledger.window()) instanceof LedgerWindowGuard.Outside outside) {
            // Judged after the lookup missed (see LedgerWindowGuard): the ledger may have forgotten this order.
            LOG.warn("rejected {} ({}) before sending: {}", order.key(), call.what(), outside.reason());
            boolean decided = gate.finish(work, order, SyncStatus.REJECTED, null, 0, outside.reason(), null);
            if (decided) {
                metrics.outsideLedgerWindow(order.event());
            }
            return decided;
        }
        if (order.amounts() != null && order.amounts().totalPayPrice() == null) {
            // The mapping reads a missing amount as 0 (optional discounts); a missing paid total is no order at all.
            LOG.info("rejected {} before sending: no total_pay_price", order.key());
            return gate.finish(work, order, SyncStatus.REJECTED, null, 0,
                    "cannot be mapped: the OrderPaid has no total paid amount (total_pay_price)", null);
        }
        ErpTrade trade;
        try {
            trade = call.trade().get();
        } catch (MappingException e) {
            LOG.info("rejected {} ({}) before sending: {}", order.key(), call.what(), e.getMessage());
            return gate.finish(work, order, SyncStatus.REJECTED, null, 0, "mapping: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            // A record that parses but cannot be mapped (a null amount, null lines, ...): it never will be.
            LOG.warn("rejected {} before sending: it cannot be mapped", order.key(), e);
            return gate.finish(work, order, SyncStatus.REJECTED, null, 0, "cannot be mapped: " + e, null);
        }
        if (doubt != null) {
            metrics.inDoubt("restart", policy(work));
            if (policy(work) == ErpSyncProperties.InDoubtPolicy.HOLD) {
                return held(work, order, call, doubt, 0);
            }
            LOG.warn("in doubt {} ({}): {}; calling again (the ERP may hold it twice, OuterID {})", order.key(),
                    call.what(), doubt, call.outerId());
        }
        return call(work, order, call, trade, doubt);
    }

    /**
     * Last resort for a record whose processing threw something unexpected (a bug, not the order's data): FAILED +
     * DLT with the reason, so it can be replayed once fixed, and the record is finished so its partition keeps
     * committing. An order already decided meanwhile keeps its outcome.
     *
     * @return true when the record's fate is written (false only when its partition went away first)
     */
    boolean failedUnexpectedly(Work work, RuntimeException error) {
        String reason = "unexpected error, replay once fixed: " + error;
        OrderPaid order;
        try {
            order = Json.readEvent(work.record.value());
        } catch (RuntimeException unreadable) {
            return gate.unreadable(work, unreadable);
        }
        if (order == null || order.eventId() == null || order.orderNo() == null) {
            return gate.unreadable(work, new IllegalArgumentException("no eventId or orderNo"));
        }
        return gate.finish(work, order, SyncStatus.FAILED, null, 0, reason, null);
    }

    /**
     * A DLT replay carries the operator's decision ({@code ops-replay-in-doubt}): RESEND only when they said so
     * (they checked the ERP), else HOLD, so an order held in doubt is never sent twice by a blind "replay all".
     */
    private ErpSyncProperties.InDoubtPolicy policy(Work work) {
        return work.replayed() ? work.replayInDoubt() : properties.inDoubt().policy();
    }

    /**
     * @param doubt why the ERP may have the order already (null: it has not); the ledger then holds a pending mark
     */
    private boolean call(Work work, OrderPaid order, EventPlan.Call call, ErpTrade trade, String doubt) {
        // The pending mark before the first call (an order in doubt has one already).
        LedgerMarks.Permit permit = null;
        if (doubt == null) {
            permit = marks.awaitMark(work, call.ledgerKey(), order.eventId(), breaker, properties.retry());
            if (permit == null) {
                return false;
            }
        }
        try {
            return callUntilDecided(work, order, call, trade, doubt, permit);
        } finally {
            if (permit != null) {
                permit.release();
            }
        }
    }

    private boolean callUntilDecided(Work work, OrderPaid order, EventPlan.Call call, ErpTrade trade, String doubt,
                                     LedgerMarks.Permit permit) {
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
                if (permit != null) {
                    permit.release();
                }
                attempts++;
                start = System.nanoTime();
                reply = client.send(trade);
            } catch (InterruptedException e) {
                breaker.releasePermission();
                Thread.currentThread().interrupt();
                work.cancel();
                calls.release();
                return false; // interrupted mid-call: the ERP may have it, so its mark stays (in doubt)
            }
            calls.release();
            long took = System.nanoTime() - start;
            metrics.call(reply, took);
            if (reply instanceof ErpReply.Unavailable u) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new ErpUnavailableException(u.reason()));
                lastFailure = u.reason();
                if (u.maybeDelivered() && doubt == null) {
                    doubt = "attempt " + attempts + " got no reply (" + u.reason() + ")";
                    metrics.inDoubt("timeout", policy(work));
                    if (policy(work) == ErpSyncProperties.InDoubtPolicy.HOLD) {
                        return held(work, order, call, doubt, attempts);
                    }
                }
            } else {
                // The ERP answered: whatever it thinks of the order, it is up.
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            if (reply instanceof ErpReply.Accepted a) {
                return synced(work, order, call, a.outerTradeId(), attempts, doubt);
            }
            if (reply instanceof ErpReply.AlreadyThere d) {
                LOG.info("duplicate {}: the ERP has it already (Code {} {})", order.key(), d.code(), d.message());
                marks.confirm(call.ledgerKey(), order.eventId(), null, attempts);
                return gate.finish(work, order, SyncStatus.DUPLICATE, null, attempts,
                        "ERP Code " + d.code() + ": " + d.message(), null);
            }
            if (reply instanceof ErpReply.Refused r && !r.retryable()) {
                LOG.info("ERP rejected {}: Code {} {}", order.key(), r.code(), r.message());
                if (doubt == null) {
                    marks.forget(call.ledgerKey());
                }
                return gate.finish(work, order, SyncStatus.REJECTED, null, attempts,
                        "ERP Code " + r.code() + ": " + r.message() + inDoubtNote(doubt), r.code());
            }
            if (reply instanceof ErpReply.Refused r) {
                lastFailure = "ERP Code " + r.code() + " (retryable): " + r.message();
            }
            if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                charged++;
            }
            if (charged >= retry.maxAttempts()) {
                LOG.warn("failed {} after {} attempts: {}", order.key(), attempts, lastFailure);
                if (doubt == null) {
                    marks.forget(call.ledgerKey());
                }
                return gate.finish(work, order, SyncStatus.FAILED, null, attempts,
                        "gave up after " + attempts + " attempts: " + lastFailure + inDoubtNote(doubt), null);
            }
            LOG.debug("attempt {} for {} failed ({}); retrying", attempts, order.key(), lastFailure);
            work.pause(backoff(retry, Math.max(charged, 1)));
        }
        if (doubt == null) {
            marks.forget(call.ledgerKey()); // every call it made was answered: whoever takes it over is not in doubt
        }
        return false;
    }

    private boolean synced(Work work, OrderPaid order, EventPlan.Call call, String outerTradeId, int attempts,
                           String doubt) {
        // The confirmation is acknowledged before the record counts as finished: the ledger is a side effect no
        // transaction covers, and a redelivery that did not find it would call the ERP again.
        if (!marks.confirm(call.ledgerKey(), order.eventId(), outerTradeId, attempts)) {
            return false; // interrupted: the pending mark stays, the next owner finds the order in doubt
        }
        if (doubt == null) {
            LOG.info("synced {} ({}) as ERP order {} after {} attempt(s)", order.key(), call.what(), outerTradeId,
                    attempts);
        } else {
            LOG.warn("synced {} as ERP order {} after {} attempt(s), in doubt: {}; check the ERP for a second order "
                    + "with OuterID {}", order.key(), outerTradeId, attempts, doubt, call.outerId());
        }
        String flag = doubt == null ? null : SyncOutcome.IN_DOUBT + ": " + doubt
                + "; the ERP may hold a second order with OuterID " + call.outerId();
        return gate.finish(work, order, SyncStatus.SYNCED, outerTradeId, attempts, flag, null);
    }

    /** The HOLD policy: no further call; FAILED + DLT for a person to check the ERP, then replay or leave it. */
    private boolean held(Work work, OrderPaid order, EventPlan.Call call, String doubt, int attempts) {
        LOG.warn("held {} in doubt: {}; check the ERP for OuterID {}, then replay it from the DLT or leave it",
                order.key(), doubt, call.outerId());
        return gate.finish(work, order, SyncStatus.FAILED, null, attempts, SyncOutcome.IN_DOUBT + ", held: " + doubt
                + "; check the ERP for OuterID " + call.outerId() + ", then replay this record or leave it", null);
    }

    private static String inDoubtNote(String doubt) {
        return doubt == null ? "" : " (" + SyncOutcome.IN_DOUBT + ": " + doubt + ")";
    }

    static long backoff(ErpSyncProperties.Retry retry, int failures) {
        double base = retry.initialBackoff().toMillis() * Math.pow(retry.multiplier(), failures - 1);
        double capped = Math.min(base, retry.maxBackoff().toMillis());
        double jitter = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * retry.jitter();
        return Math.max(1, Math.round(capped * jitter));
    }

    /** What the breaker records for a call that got no usable answer. */
    static final class ErpUnavailableException extends RuntimeException {
        ErpUnavailableException(String reason) {
            super(reason, null, false, false);
        }
    }
}
