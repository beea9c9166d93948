package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedEntry;
import com.mallsync.erpsync.ledger.SyncedLedger;

/**
 * What {@link OrderSync} writes to the ledger around an order's calls: the pending mark before the first call, the
 * confirmation after the ERP created it (never given up), and the removal of the mark when the ERP created nothing.
 * Keyed by the call's {@link EventPlan.Call#ledgerKey()}: the order key for the sale, {@code mallId:OuterID} for a
 * return, so a sale and each of its returns have marks and confirmations of their own.
 */
final class LedgerMarks {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerMarks.class);

    private final SyncedLedger ledger;
    private final Clock clock;
    /**
     * Orders marked whose first call has not started yet: at most {@code max-in-flight}, so the marks of the next
     * orders are written while others call (a mark costs no call slot), and a kill leaves at most that many orders in
     * doubt that were never sent.
     */
    private final Semaphore markedWaiting;

    LedgerMarks(SyncedLedger ledger, Clock clock, int maxMarkedWaiting) {
        this.ledger = ledger;
        this.clock = clock;
        this.markedWaiting = new Semaphore(maxMarkedWaiting, true);
    }

    /** The permit an order holds from its mark to its first call; released once. */
    final class Permit {
        private boolean held;

        /** At the first call (or when the order leaves without one). */
        void release() {
            if (held) {
                held = false;
                markedWaiting.release();
            }
        }
    }

    /**
     * Writes the pending mark once fewer than {@code max-in-flight} marked orders wait for their first call and the
     * breaker is not open (an outage marks nothing new).
     *
     * @return the permit to release at the first call; {@code null} when cancelled first (nothing written then)
     */
    Permit awaitMark(Work work, String key, UUID eventId, CircuitBreaker breaker, ErpSyncProperties.Retry retry) {
        while (!work.cancelled()) {
            try {
                if (!markedWaiting.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                work.cancel();
                return null;
            }
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                markedWaiting.release();
                work.pause(retry.breakerPoll().toMillis());
                continue;
            }
            if (mark(key, eventId)) {
                Permit permit = new Permit();
                permit.held = true;
                return permit;
            }
            markedWaiting.release();
            work.pause(OrderSync.backoff(retry, 1));
        }
        return null;
    }

    /** Writes the pending mark and waits for the broker; false when it could not be written (do not call then). */
    private boolean mark(String key, UUID eventId) {
        try {
            ledger.recordAsync(key, SyncedEntry.calling(eventId, clock.instant()))
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("could not mark the call for {} in the ledger ({}); not calling yet", key, e.toString());
            return false;
        }
    }

    CompletableFuture<?> confirmAsync(String key, UUID eventId, String outerTradeId, int attempts) {
        return ledger.recordAsync(key, new SyncedEntry(eventId, outerTradeId, attempts, clock.instant()));
    }

    /** Records that the ERP has the order and waits until the broker has it. */
    boolean confirm(String key, UUID eventId, String outerTradeId, int attempts) {
        return awaitConfirmed(confirmAsync(key, eventId, outerTradeId, attempts), key, eventId, outerTradeId,
                attempts);
    }

    /**
     * Waits for a confirmation write, writing it again until it is acknowledged: the ERP has the order now, and a
     * redelivery that did not find it would create it again. (A crash before the acknowledgement leaves the pending
     * mark: the order is then in doubt, not silently called again.)
     */
    boolean awaitConfirmed(CompletableFuture<?> write, String key, UUID eventId, String outerTradeId,
                           int attempts) {
        long backoff = 200;
        while (true) {
            try {
                write.get(30, TimeUnit.SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("interrupted before recording ERP order {} of {}: it is left in doubt", outerTradeId,
                        key);
                return false;
            } catch (Exception e) {
                LOG.error("could not record ERP order {} of {} in the ledger ({}); retrying", outerTradeId,
                        key, e.toString());
                if (!sleep(backoff)) {
                    return false;
                }
                backoff = Math.min(backoff * 2, 5_000);
                write = confirmAsync(key, eventId, outerTradeId, attempts);
            }
        }
    }

    /**
     * Removes the pending mark: every call made for the order was answered and none created it. Not waited for; if it
     * is lost, a later delivery only finds the order in doubt without cause.
     */
    void forget(String key) {
        ledger.forgetPendingAsync(key).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("could not remove the pending mark of {} ({})", key, e.toString());
            }
        });
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
