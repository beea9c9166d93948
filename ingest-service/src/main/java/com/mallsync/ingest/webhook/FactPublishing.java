package com.mallsync.ingest.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.ingest.dedupe.Contradiction;
import com.mallsync.ingest.dedupe.Fact;
import com.mallsync.ingest.dedupe.RecentOrders;
import com.mallsync.ingest.publish.BrokerUnavailableException;
import com.mallsync.ingest.publish.OrderPublisher;
import com.mallsync.ingest.publish.RecordTooLargeForTopicException;
import com.mallsync.model.Masking;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A valid paid push, as the facts it shows ({@code OrderPaidMapping.toEvents}), to the events it publishes: the new
 * facts only ({@link RecentOrders}, {@code FactRules}), in the contract's order, each
 * its own record, all acknowledged before the 200. Contradictions are counted, logged and answered in the reply;
 * never a 5xx for them, and a new fact in a contradictory push is still published.
 */
@Component
class FactPublishing {

    private static final Logger LOG = LoggerFactory.getLogger(FactPublishing.class);

    private final OrderPublisher publisher;
    private final RecentOrders recent;
    private final WebhookMetrics metrics;
    private final long waitForEarlierNanos;

    FactPublishing(OrderPublisher publisher, RecentOrders recent, WebhookMetrics metrics,
                   IngestProperties properties) {
        this.publisher = publisher;
        this.recent = recent;
        this.metrics = metrics;
        this.waitForEarlierNanos = TimeUnit.MILLISECONDS.toNanos(properties.publish().timeout().toMillis() + 2_000);
    }

    /** @param shown every fact the push shows, as records, in the contract's order (PAID first) */
    Outcome accept(List<OrderPaid> shown) {
        OrderPaid paid = shown.get(0);
        String key = paid.key();
        UUID paidId = paid.eventIdOf(OrderEvent.PAID, null);
        List<Fact> facts = shown.stream().map(Fact::of).toList();
        // a line without its id cannot be told from another: then no refund is judged against the lines
        List<Long> lines = paid.lines().stream().allMatch(l -> l.lineId() != null)
                ? paid.lines().stream().map(OrderLine::lineId).toList() : null;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        Instant updatedAt = paid.lifecycle().updatedAt() == null ? null : paid.lifecycle().updatedAt().toInstant();
        long deadline = System.nanoTime() + waitForEarlierNanos;
        RecentOrders.Claim.Owned owned;
        while (true) {
            RecentOrders.Claim claim = recent.claim(key, lines, facts, updatedAt, mine);
            if (claim instanceof RecentOrders.Claim.Owned o) {
                owned = o;
                break;
            }
            // another push of this order is publishing: wait for it, then see what is left (its facts, if it failed)
            if (!awaited(((RecentOrders.Claim.Busy) claim).earlier(), deadline)) {
                LOG.warn("order {} not accepted: an earlier push of it still waits for the broker; mall told 503", key);
                return Outcome.unavailable();
            }
        }
        List<Contradiction> contradictions = owned.judgement().contradictions();
        report(key, contradictions);
        if (!owned.judgement().outdated().isEmpty()) {
            LOG.info("push of order {} shows an older state (updated_at {} is before the latest seen): {} accepted"
                    + " since then stay", key, paid.lifecycle().updatedAt(), owned.judgement().outdated());
        }
        List<Fact> fresh = owned.judgement().fresh();
        if (fresh.isEmpty()) {
            LOG.info("duplicate push of order {}: every fact it shows ({}) was already accepted, nothing published",
                    key, facts);
            return Outcome.duplicate(paidId, contradictions);
        }
        List<OrderPaid> events = shown.stream().filter(e -> fresh.contains(Fact.of(e))).toList();
        try {
            publisher.publish(events);
        } catch (BrokerUnavailableException e) {
            recent.settle(key, mine, fresh, e);
            LOG.warn("order {} not accepted: broker did not acknowledge {} in time ({}); mall told 503", key, fresh,
                    e.getMessage());
            return Outcome.unavailable();
        } catch (RecordTooLargeForTopicException e) {
            recent.settle(key, mine, fresh, e);
            LOG.warn("refused order {}: too large for the topic ({})", key, e.getMessage());
            return Outcome.tooLarge("the order is too large to be stored");
        } catch (RuntimeException e) {
            recent.settle(key, mine, fresh, e);
            throw e;
        }
        recent.settle(key, mine, fresh, null);
        LOG.info("accepted order {} events={} eventIds={} pay={} lines={} buyer={} mobile={} address={}", key, fresh,
                events.stream().map(OrderPaid::eventId).toList(), paid.amounts().totalPayPrice(), paid.lines().size(),
                Masking.name(paid.buyer().name()), Masking.mobile(paid.buyer().mobile()),
                Masking.address(paid.buyer().address()));
        return Outcome.accepted(paidId, fresh, contradictions);
    }

    /** Counts and logs each contradiction (the order key and the fact only: no buyer data). */
    void report(String key, List<Contradiction> contradictions) {
        for (Contradiction c : contradictions) {
            metrics.contradiction(c);
            LOG.warn("contradictory push of order {} ({}): {}", key, c.kind().tag(), c.describe());
        }
    }

    private static boolean awaited(CompletableFuture<Void> earlier, long deadline) {
        try {
            earlier.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
