package com.mallsync.model.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which facts one push's snapshot shows, as events: a pure function (ARCHITECTURE.md, "Order lifecycle").
 *
 * <p>Order: PAID, CONFIRMED, each refunded line (in {@code detail} order), CANCELLED. So a first push that already
 * shows several facts yields them as a mall that pushed at each change would have, and at each target the sale comes
 * before anything that changes it. A refunded line without a line id yields nothing (its event would have no id);
 * ingest refuses such a push before it gets here.
 */
public final class OrderFacts {

    private OrderFacts() {
    }

    /** @param snapshot a paid order as one push showed it (its {@link OrderPaid#event()} is ignored) */
    public static List<OrderPaid> of(OrderPaid snapshot) {
        List<OrderPaid> events = new ArrayList<>();
        events.add(snapshot.as(OrderEvent.PAID, null));
        if (snapshot.lifecycle().confirmed()) {
            events.add(snapshot.as(OrderEvent.CONFIRMED, null));
        }
        Set<Long> refunded = new LinkedHashSet<>();
        for (OrderLine line : snapshot.lines()) {
            if (line.refundedLine() && line.lineId() != null) {
                refunded.add(line.lineId());
            }
        }
        for (Long line : refunded) {
            events.add(snapshot.as(OrderEvent.REFUNDED, line));
        }
        if (snapshot.lifecycle().cancelled()) {
            events.add(snapshot.as(OrderEvent.CANCELLED, null));
        }
        return List.copyOf(events);
    }
}
