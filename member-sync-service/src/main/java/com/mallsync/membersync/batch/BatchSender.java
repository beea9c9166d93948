package com.mallsync.membersync.batch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.crm.CrmClient;
import com.mallsync.membersync.crm.CrmReply;
import com.mallsync.membersync.crm.CrmUnavailableException;
import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.model.event.SyncStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch until every order in it has an outcome published.
 *
 * <p>Order of guards, chosen on purpose (resilience4j #2383): the breaker is <em>inside</em> the retry loop and sees
 * every single HTTP call, so it measures the CRM's health; the retry loop is ours, so that
 * <ul>
 *   <li>a call refused by the open breaker costs no retry budget and sends nothing to the DLT: the batch simply
 *       waits (and the poll loop pauses fetching) until the breaker lets a call through again;</li>
 *   <li>a transient failure is charged to the batch's orders only when the CRM answered some other request
 *       meanwhile: then the CRM is up and the trouble is these orders'. Past the budget the batch is split, and a
 *       lone order past it is FAILED. During an outage nothing is charged, so nothing is FAILED.</li>
 * </ul>
 * A batch the CRM refuses for a business reason is split in halves until the refused order stands alone
 * (REJECTED); a duplicate reply marks the named Codes DUPLICATE and the rest is sent again.
 */
final class BatchSender {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final CrmClient client;
    private final CircuitBreaker breaker;
    private final OutcomePublisher publisher;
    private final MemberSyncMetrics metrics;
    private final MemberSyncProperties.Retry retry;
    /** When the CRM last gave a usable answer to anyone (System.nanoTime). */
    private final AtomicLong lastHealthyReply = new AtomicLong(System.nanoTime() - Duration.ofDays(1).toNanos());
    private final Duration breakerWait;

    BatchSender(CrmClient client, CircuitBreaker breaker, OutcomePublisher publisher, MemberSyncMetrics metrics,
                MemberSyncProperties.Retry retry) {
        this.client = client;
        this.breaker = breaker;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retry = retry;
        this.breakerWait = Duration.ofMillis(Math.min(500, Math.max(50, retry.initialBackoff().toMillis())));
    }

    /**
     * Sends the batch (on the calling thread) and hands every order, with its outcome, to the publisher, which
     * finishes it; the transaction that publishes them is the poll loop's.
     */
    void deliver(Batch batch) throws InterruptedException {
        long start = System.nanoTime();
        Deque<List<PendingOrder>> work = new ArrayDeque<>();
        work.push(new ArrayList<>(batch.orders));
        int part = 0;
        while (!work.isEmpty()) {
            List<PendingOrder> orders = work.pop();
            if (orders.isEmpty()) {
                continue;
            }
            String ref = part++ == 0 ? batch.id : batch.id + "." + part;
            Attempt result = send(orders);
            if (result instanceof Attempt.Refused refused && orders.size() > 1) {
                LOG.info("batch {}: CRM refused {} orders ({}); splitting to isolate the bad one",
                        batch.id, orders.size(), refused.reply().msg());
            }
            NextRequests next = NextRequests.after(orders, result);
            for (NextRequests.Settled settled : next.settled()) {
                // the 2030 reference names an accepted request only
                finish(batch, settled.orders(), settled.status(),
                        settled.status() == SyncStatus.SYNCED ? ref : null, settled.reason());
            }
            for (int i = next.again().size() - 1; i >= 0; i--) {
                work.push(next.again().get(i));
            }
        }
        metrics.batchDone(Duration.ofNanos(System.nanoTime() - start));
    }

    private void finish(Batch batch, List<PendingOrder> orders, SyncStatus status, String ref, String reason) {
        List<PendingOrder> all = new ArrayList<>(orders);
        List<PendingOrder> twins = new ArrayList<>();
        for (PendingOrder o : orders) {
            twins.addAll(batch.twins.getOrDefault(o.code(), List.of()));
        }
        publisher.publish(all, status, ref, reason);
        if (!twins.isEmpty()) {
            // The same order read twice in one batch: sent once; the repeat is a duplicate of a delivered order.
            SyncStatus twinStatus = status.delivered() ? SyncStatus.DUPLICATE : status;
            publisher.publish(twins, twinStatus, ref,
                    status.delivered() ? "repeat of an order in the same batch" : reason);
        }
    }

    /** Calls until the CRM gives a usable answer, or the orders' transient budget is spent. */
    private Attempt send(List<PendingOrder> orders) throws InterruptedException {
        List<CrmOrder> body = orders.stream().map(PendingOrder::crm).toList();
        int failures = 0;
        // Since when a usable answer to another request shows the CRM is up: since this batch's previous failed
        // call (so its backoff and breaker waits count), not just during the failing call, which a 500 ends in
        // milliseconds: a failure then was almost never charged, and a sick order was retried forever.
        long upSince = System.nanoTime();
        while (true) {
            if (!breaker.tryAcquirePermission()) {
                Thread.sleep(breakerWait.toMillis()); // waiting costs no budget; the poll loop has paused fetching
                continue;
            }
            long start = System.nanoTime();
            orders.forEach(PendingOrder::countCall);
            metrics.requestSent(orders.size());
            try {
                CrmReply reply = client.upload(body);
                long took = System.nanoTime() - start;
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                lastHealthyReply.set(System.nanoTime());
                Attempt answer = Attempt.of(reply);
                metrics.request(answer instanceof Attempt.Accepted ? "accepted"
                        : answer instanceof Attempt.Duplicate ? "duplicate" : "refused", Duration.ofNanos(took));
                if (reply.status() && reply.result() != orders.size()) {
                    LOG.warn("CRM accepted {} orders but reports {} rows affected", orders.size(), reply.result());
                }
                return answer;
            } catch (CrmUnavailableException e) {
                long took = System.nanoTime() - start;
                breaker.onError(took, TimeUnit.NANOSECONDS, e);
                metrics.request("unavailable", Duration.ofNanos(took));
                failures++;
                int worst = charge(orders, answeredSince(lastHealthyReply.get(), upSince));
                upSince = System.nanoTime();
                LOG.warn("2030 call with {} orders failed ({} in a row, budget used {}/{}): {}", orders.size(),
                        failures, worst, retry.perOrderAttempts(), e.getMessage());
                if (worst >= retry.perOrderAttempts()) {
                    return new Attempt.GaveUp("transient failures past the budget of " + retry.perOrderAttempts()
                            + " while the CRM answered other requests; last: " + e.getMessage());
                }
                Thread.sleep(backoff(failures).toMillis());
            } catch (InterruptedException e) {
                breaker.releasePermission();
                throw e;
            } catch (RuntimeException e) {
                breaker.releasePermission();
                throw e;
            }
        }
    }

    /**
     * Whether the CRM gave a usable answer (to any request) after {@code since}; both are {@link System#nanoTime}
     * readings, compared by difference as that clock requires.
     */
    static boolean answeredSince(long lastHealthyReply, long since) {
        return lastHealthyReply - since > 0;
    }

    /**
     * A transient failure of a request carrying {@code orders}: charged to each of them only when the CRM answered
     * other requests meanwhile (then the trouble is these orders', not the CRM's; during an outage nothing is
     * charged). Returns the most failures charged to one of them, which the caller holds against the budget.
     */
    static int charge(List<PendingOrder> orders, boolean crmAnsweredOthers) {
        if (crmAnsweredOthers) {
            orders.forEach(PendingOrder::chargeFailure);
        }
        return orders.stream().mapToInt(PendingOrder::chargedFailures).max().orElse(0);
    }

    /** Exponential backoff with ± jitter. */
    Duration backoff(int failures) {
        double base = retry.initialBackoff().toMillis() * Math.pow(retry.multiplier(), Math.max(0, failures - 1));
        double capped = Math.min(base, retry.maxBackoff().toMillis());
        double spread = capped * retry.jitter();
        return Duration.ofMillis(Math.max(1, Math.round(capped + ThreadLocalRandom.current().nextDouble(-spread, spread + 1e-9))));
    }
}
