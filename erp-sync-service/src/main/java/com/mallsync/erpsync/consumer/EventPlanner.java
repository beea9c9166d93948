package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import com.mallsync.erpsync.mapping.ErpReturnMapping;
import com.mallsync.erpsync.mapping.ErpTradeMapping;
import com.mallsync.erpsync.mapping.MallErpSettings;
import com.mallsync.erpsync.mapping.MappingException;
import com.mallsync.model.MallTime;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.outcomes.OutcomeIndex;

/**
 * Decides what an event means at the ERP, from the rules of LIFECYCLE.md "ERP" and what the ERP already got for the
 * order: the ERP outcomes of its earlier events, read from the outcome index by derived eventId (the index holds
 * this process's own claims at once; the per-key scheduler decides an order's events one after another). No state
 * of its own.
 */
final class EventPlanner {

    private final OutcomeIndex index;
    private final LongFunction<MallErpSettings> malls;
    private final Clock clock;

    /** @param malls each mall's ERP settings ({@code ErpSyncProperties::mall}) */
    EventPlanner(OutcomeIndex index, LongFunction<MallErpSettings> malls, Clock clock) {
        this.index = index;
        this.malls = malls;
        this.clock = clock;
    }

    EventPlan plan(OrderPaid order) {
        return switch (order.event()) {
            case PAID -> new EventPlan.Call(order.key(), order.orderNo(), "sale",
                    () -> ErpTradeMapping.map(order, malls.apply(order.mallId())));
            case CONFIRMED -> new EventPlan.Skip("the ERP gets the sale at payment; a confirmation sends nothing");
            case REFUNDED -> lineRefund(order);
            case CANCELLED -> cancellation(order);
        };
    }

    private EventPlan lineRefund(OrderPaid order) {
        Long line = order.line();
        if (line == null) {
            return new EventPlan.Reject("a REFUNDED event that names no line");
        }
        if (delivered(order, OrderEvent.CANCELLED, null)) {
            return new EventPlan.Skip("line " + line + " was returned with the whole order: the cancellation's "
                    + "return is at the ERP already");
        }
        Optional<EventPlan> noSale = saleMissing(order);
        if (noSale.isPresent()) {
            return noSale.get();
        }
        if (order.refundedLine().isEmpty()) {
            return new EventPlan.Reject("the order has no line " + line + " to return");
        }
        String outerId;
        try {
            outerId = ErpReturnMapping.lineOuterId(order, line);
        } catch (MappingException e) {
            return new EventPlan.Reject("mapping: " + e.getMessage());
        }
        OffsetDateTime when = refundTime(order.lifecycle().updatedAt());
        return new EventPlan.Call(Topics.orderKey(order.mallId(), outerId), outerId, "return of line " + line,
                () -> ErpReturnMapping.lineReturn(order, malls.apply(order.mallId()), line, when));
    }

    private EventPlan cancellation(OrderPaid order) {
        Optional<EventPlan> noSale = saleMissing(order);
        if (noSale.isPresent()) {
            return noSale.get();
        }
        Set<Long> returned = new HashSet<>();
        for (OrderLine l : order.lines()) {
            if (l.lineId() != null && delivered(order, OrderEvent.REFUNDED, l.lineId())) {
                returned.add(l.lineId());
            }
        }
        List<Integer> rest = ErpReturnMapping.remainingLines(order, returned);
        if (rest.isEmpty()) {
            return new EventPlan.Skip("every line is returned at the ERP already (one return each); nothing is left "
                    + "to return for the cancellation");
        }
        String outerId;
        try {
            outerId = ErpReturnMapping.cancelOuterId(order);
        } catch (MappingException e) {
            return new EventPlan.Reject("mapping: " + e.getMessage());
        }
        OffsetDateTime when = refundTime(order.lifecycle().cancelledAt() != null ? order.lifecycle().cancelledAt()
                : order.lifecycle().updatedAt());
        return new EventPlan.Call(Topics.orderKey(order.mallId(), outerId), outerId,
                "return of the cancelled order (" + rest.size() + " of " + order.lines().size() + " lines)",
                () -> ErpReturnMapping.cancelReturn(order, malls.apply(order.mallId()), returned, when));
    }

    /** A return needs its sale at the ERP (the ERP links a return to it by UID + TradeID). */
    private Optional<EventPlan> saleMissing(OrderPaid order) {
        Optional<SyncStatus> sale = index.status(order.eventIdOf(OrderEvent.PAID, null));
        if (sale.isPresent() && sale.get().delivered()) {
            return Optional.empty();
        }
        return Optional.of(new EventPlan.Reject("the sale is not at the ERP (its PAID outcome here is "
                + sale.map(Enum::name).orElse("missing") + "): replay the sale from the DLT first, then this "
                + order.event()));
    }

    private boolean delivered(OrderPaid order, OrderEvent fact, Long line) {
        return index.status(order.eventIdOf(fact, line)).map(SyncStatus::delivered).orElse(false);
    }

    /** The push has no refund time: the state's time, else now (mall time). */
    private OffsetDateTime refundTime(OffsetDateTime when) {
        return when != null ? when : OffsetDateTime.now(clock.withZone(MallTime.ZONE));
    }
}
