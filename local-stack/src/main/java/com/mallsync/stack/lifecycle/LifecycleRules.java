package com.mallsync.stack.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;

/**
 * What each target must end up with for each event of a story, by the lifecycle rules (ARCHITECTURE.md "Order
 * lifecycle", the lead's LIFECYCLE.md), written here from those rules and not from the services' code, so a load run
 * or a system test can judge the services. Only the outcome an event must get (SYNCED when something is sent,
 * SKIPPED when by rule nothing is) is decided here; a REJECTED or FAILED is never expected of a valid order.
 *
 * <ul>
 *   <li>ERP: PAID → the sale; CONFIRMED → SKIPPED; REFUNDED line → a return, SKIPPED once the order was cancelled;
 *       CANCELLED → one return of every line not yet returned, SKIPPED when none is left.</li>
 *   <li>CRM 2030, uploading on {@code crmTrigger} (CONFIRMED by default, seed 1.1 "只需要接入订单完成、客户确认收货的订单",
 *       or PAID): before the upload every event is SKIPPED; the trigger uploads the sale without the lines refunded
 *       by then, SKIPPED when the order was cancelled or no line is left; after the upload a refunded line of the
 *       sale → a return row, a cancellation → one return row of what is left (SKIPPED when nothing is).</li>
 * </ul>
 */
public final class LifecycleRules {

    private LifecycleRules() {
    }

    /** Each event of the story with the outcome each target must give it, in event order. */
    public static List<ExpectedEvent> expected(OrderStory story, OrderEvent crmTrigger) {
        if (crmTrigger != OrderEvent.PAID && crmTrigger != OrderEvent.CONFIRMED) {
            throw new IllegalArgumentException("the CRM uploads on PAID or CONFIRMED, not " + crmTrigger);
        }
        List<ExpectedEvent> expected = new ArrayList<>();
        Erp erp = new Erp(story.lineIds());
        Crm crm = new Crm(story.lineIds(), crmTrigger);
        for (OrderStory.Fact fact : story.events()) {
            expected.add(new ExpectedEvent(fact, crm.decide(fact), erp.decide(fact)));
        }
        return List.copyOf(expected);
    }

    /** ERP: one call per event. */
    private static final class Erp {
        private final List<Long> lines;
        private final Set<Long> returned = new HashSet<>();
        private boolean cancelled;

        Erp(List<Long> lines) {
            this.lines = lines;
        }

        SyncStatus decide(OrderStory.Fact fact) {
            return switch (fact.event()) {
                case PAID -> SyncStatus.SYNCED;
                case CONFIRMED -> SyncStatus.SKIPPED;
                case REFUNDED -> {
                    if (cancelled) {
                        yield SyncStatus.SKIPPED;
                    }
                    returned.add(fact.line());
                    yield SyncStatus.SYNCED;
                }
                case CANCELLED -> {
                    cancelled = true;
                    boolean left = lines.stream().anyMatch(l -> !returned.contains(l));
                    returned.addAll(lines);
                    yield left ? SyncStatus.SYNCED : SyncStatus.SKIPPED;
                }
            };
        }
    }

    /** CRM 2030: the sale at its trigger, returns after it. */
    private static final class Crm {
        private final List<Long> lines;
        private final OrderEvent trigger;
        private final Set<Long> refundedBefore = new HashSet<>();
        private final Set<Long> sale = new LinkedHashSet<>();
        private final Set<Long> returned = new HashSet<>();
        private boolean uploaded;
        private boolean cancelled;

        Crm(List<Long> lines, OrderEvent trigger) {
            this.lines = lines;
            this.trigger = trigger;
        }

        SyncStatus decide(OrderStory.Fact fact) {
            if (fact.event() == trigger) {
                if (cancelled) {
                    return SyncStatus.SKIPPED;
                }
                lines.stream().filter(l -> !refundedBefore.contains(l)).forEach(sale::add);
                uploaded = !sale.isEmpty();
                return uploaded ? SyncStatus.SYNCED : SyncStatus.SKIPPED;
            }
            return switch (fact.event()) {
                case PAID, CONFIRMED -> SyncStatus.SKIPPED;
                case REFUNDED -> {
                    if (!uploaded) {
                        refundedBefore.add(fact.line());
                        yield SyncStatus.SKIPPED;
                    }
                    if (cancelled || !sale.contains(fact.line()) || !returned.add(fact.line())) {
                        yield SyncStatus.SKIPPED;
                    }
                    yield SyncStatus.SYNCED;
                }
                case CANCELLED -> {
                    cancelled = true;
                    if (!uploaded) {
                        yield SyncStatus.SKIPPED;
                    }
                    boolean left = sale.stream().anyMatch(l -> !returned.contains(l));
                    returned.addAll(sale);
                    yield left ? SyncStatus.SYNCED : SyncStatus.SKIPPED;
                }
            };
        }
    }
}
