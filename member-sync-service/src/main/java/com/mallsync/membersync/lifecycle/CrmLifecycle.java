package com.mallsync.membersync.lifecycle;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.mallsync.membersync.mapping.CrmMapping;
import com.mallsync.membersync.mapping.CrmOrderMapping;
import com.mallsync.membersync.mapping.CrmReturnMapping;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncStatus;

/**
 * One order event → what the CRM gets (LIFECYCLE "CRM 2030"). The sale goes up at the trigger event
 * ({@code member-sync.upload-on}: CONFIRMED by default, seed 1.1 "只需要接入订单完成、客户确认收货的订单"; or PAID);
 * what happens to the order after that is a return row; what happens before changes the sale or nothing.
 *
 * <p>What this target already did for the order is read from its outcomes by derived eventId ({@code known}: the
 * outcome index, which holds this process's claims at once). The batcher decides an order's events one at a time,
 * in offset order, each only after the one before has its outcome, so {@code known} is complete for earlier events.
 *
 * <p>A line is out of the sale (and so of a cancellation's return) when its REFUNDED event is <em>settled</em>
 * here: SKIPPED (refunded before the upload) or delivered (returned already). A REFUNDED event that was REJECTED
 * because its sale was not at the CRM keeps its line in a sale uploaded later (a replay): replaying that REFUNDED
 * event afterwards returns the line, so the CRM ends up right whichever is replayed first.
 */
public final class CrmLifecycle {

    static final String UPLOADS_ON_CONFIRMED = "uploads on CONFIRMED (member-sync.upload-on): the sale goes up when "
            + "the buyer confirms receipt (seed 1.1 只需要接入订单完成、客户确认收货的订单)";
    static final String UPLOADS_ON_PAID = "uploads on PAID (member-sync.upload-on): the sale went up at payment, a "
            + "confirmation changes nothing at the CRM";
    static final String CANCELLED_FIRST = "cancelled before the upload";
    static final String REFUNDED_FIRST = "refunded before the upload";
    static final String RETURNED_WITH_CANCELLATION = "returned with the cancellation (its return row holds this line)";

    private CrmLifecycle() {
    }

    /**
     * @param event   the event to decide (its schema version already accepted)
     * @param trigger the event that uploads the sale: {@link OrderEvent#CONFIRMED} or {@link OrderEvent#PAID}
     * @param known   this target's terminal outcome of an event of the order, by eventId
     */
    public static CrmDecision decide(OrderPaid event, OrderEvent trigger, ShopChannel shop,
                                     Function<UUID, Optional<SyncStatus>> known) {
        OrderEvent fact = event.event();
        if (fact == trigger) {
            return sale(event, shop, known);
        }
        if (fact == OrderEvent.PAID || fact == OrderEvent.CONFIRMED) {
            return new CrmDecision.Skip(trigger == OrderEvent.CONFIRMED ? UPLOADS_ON_CONFIRMED : UPLOADS_ON_PAID);
        }
        String before = fact == OrderEvent.CANCELLED ? CANCELLED_FIRST : REFUNDED_FIRST;
        Optional<SyncStatus> sale = known.apply(event.eventIdOf(trigger, null));
        if (sale.isEmpty()) {
            return new CrmDecision.Skip(before + (trigger == OrderEvent.CONFIRMED ? " (uploads on CONFIRMED)" : ""));
        }
        if (sale.get() == SyncStatus.SKIPPED) {
            return new CrmDecision.Skip(before + ": nothing was uploaded (the sale's " + trigger + " event is SKIPPED)");
        }
        if (!sale.get().delivered()) {
            return new CrmDecision.Reject("the sale is not at the CRM (its " + trigger + " event is " + sale.get()
                    + " here): replay the sale from the DLT first, then this " + fact + " event");
        }
        if (fact == OrderEvent.REFUNDED) {
            if (known.apply(event.eventIdOf(OrderEvent.CANCELLED, null)).filter(SyncStatus::delivered).isPresent()) {
                return new CrmDecision.Skip(RETURNED_WITH_CANCELLATION);
            }
            return upload(CrmReturnMapping.ofLine(event, shop));
        }
        return upload(CrmReturnMapping.ofRest(event, shop, settledRefunds(event, known)));
    }

    private static CrmDecision sale(OrderPaid event, ShopChannel shop, Function<UUID, Optional<SyncStatus>> known) {
        if (known.apply(event.eventIdOf(OrderEvent.CANCELLED, null)).isPresent()) {
            return new CrmDecision.Skip(CANCELLED_FIRST);
        }
        Set<Long> leftOut = settledRefunds(event, known);
        CrmMapping mapping = CrmOrderMapping.sale(event, shop, leftOut);
        if (mapping instanceof CrmMapping.Nothing) {
            return new CrmDecision.Skip(REFUNDED_FIRST + ": every goods line");
        }
        return upload(mapping);
    }

    /** The lines whose REFUNDED event is settled here (SKIPPED before the upload, or returned already). */
    static Set<Long> settledRefunds(OrderPaid event, Function<UUID, Optional<SyncStatus>> known) {
        Set<Long> lines = new HashSet<>();
        for (OrderLine line : event.lines()) {
            if (line.lineId() != null && known.apply(event.eventIdOf(OrderEvent.REFUNDED, line.lineId()))
                    .filter(SyncStatus::settled).isPresent()) {
                lines.add(line.lineId());
            }
        }
        return lines;
    }

    private static CrmDecision upload(CrmMapping mapping) {
        if (mapping instanceof CrmMapping.Mapped mapped) {
            return new CrmDecision.Upload(mapped.order());
        }
        if (mapping instanceof CrmMapping.Nothing nothing) {
            return new CrmDecision.Skip(nothing.reason());
        }
        return new CrmDecision.Reject(((CrmMapping.Refused) mapping).reason());
    }
}
