package com.mallsync.ingest.dedupe;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;

/**
 * One fact of an order's life as a push shows it: the event and, for a refund, the line ({@code detail[].id}). Its
 * record's id is {@link OrderEvent#eventId} of (mall, order, event, line), so a fact is what ingest deduplicates on.
 *
 * @param event the fact
 * @param line  the refunded line's id for {@link OrderEvent#REFUNDED}; {@code null} for the others (and for a
 *              refunded line without an id on an unpaid push, which is only ever reported, never published)
 */
public record Fact(OrderEvent event, Long line) {

    public static final Fact PAID = new Fact(OrderEvent.PAID, null);
    public static final Fact CONFIRMED = new Fact(OrderEvent.CONFIRMED, null);
    public static final Fact CANCELLED = new Fact(OrderEvent.CANCELLED, null);

    /** The fact a record announces (the shared constants for the facts without a line: less memory per order). */
    public static Fact of(OrderPaid record) {
        return of(record.event(), record.line());
    }

    public static Fact of(OrderEvent event, Long line) {
        return switch (event) {
            case PAID -> PAID;
            case CONFIRMED -> CONFIRMED;
            case CANCELLED -> CANCELLED;
            case REFUNDED -> new Fact(OrderEvent.REFUNDED, line);
        };
    }

    @Override
    public String toString() {
        return line == null ? event.name() : event + " line " + line;
    }
}
