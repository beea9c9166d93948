package com.mallsync.ops.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import tools.jackson.databind.JsonNode;

/**
 * Which event of an order a record is about: the event and, for a line refund, the line. Within one order key this
 * is what the console keys an order's records and outcomes by (LIFECYCLE.md: "by order key + event + line, never by
 * order key alone"), so it needs no eventId to match a record with its outcomes. Sorted as the contract orders an
 * order's events: PAID, CONFIRMED, each REFUNDED line (by line id here: the push's detail order is not kept),
 * CANCELLED.
 *
 * @param event the event ({@code null} is read as PAID, as in records written before the lifecycle existed)
 * @param line  the refunded line's id for REFUNDED, else {@code null}
 */
public record EventRef(OrderEvent event, Long line) implements Comparable<EventRef> {

    public static final EventRef PAID = new EventRef(OrderEvent.PAID, null);

    private static final Comparator<EventRef> ORDER = Comparator.comparingInt(EventRef::rank)
            .thenComparing(EventRef::line, Comparator.nullsFirst(Comparator.naturalOrder()));

    public EventRef {
        event = event == null ? OrderEvent.PAID : event;
    }

    /** The event an outcome answers. */
    public static EventRef of(SyncOutcome outcome) {
        return new EventRef(outcome.event(), outcome.line());
    }

    /**
     * The event a record on {@code orders.paid.v1} (or a DLT copy of one) announces: its {@code ce_type} header, else
     * the value's {@code event} field, else PAID (a record before the lifecycle); the line from the value's
     * {@code line} field. An unreadable value leaves the header's event, line unknown.
     *
     * @param ceType the {@code ce_type} header, or {@code null}
     * @param value  the record's value, or {@code null}
     */
    public static EventRef ofRecord(String ceType, byte[] value) {
        Optional<OrderEvent> typed = ceType == null ? Optional.empty() : OrderEvent.ofCeType(ceType);
        JsonNode tree = value != null && (typed.isEmpty() || typed.get() == OrderEvent.REFUNDED) ? tree(value) : null;
        OrderEvent event = typed.orElseGet(() -> readEvent(tree));
        Long line = null;
        if (event == OrderEvent.REFUNDED && tree != null && tree.path("line").canConvertToLong()) {
            line = tree.path("line").asLong();
        }
        return new EventRef(event, line);
    }

    /** As {@link #ofRecord(String, byte[])}, from text. */
    public static EventRef ofRecord(String ceType, String value) {
        return ofRecord(ceType, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value as JSON, or {@code null} when unreadable (then what the header says counts). */
    private static JsonNode tree(byte[] value) {
        try {
            return Json.tree(new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static OrderEvent readEvent(JsonNode tree) {
        if (tree == null || !tree.path("event").isString()) {
            return OrderEvent.PAID;
        }
        try {
            return OrderEvent.valueOf(tree.path("event").asString());
        } catch (IllegalArgumentException e) {
            return OrderEvent.PAID;
        }
    }

    /** {@code PAID}, {@code REFUNDED line 7}. */
    public String label() {
        return line == null ? event.name() : event.name() + " line " + line;
    }

    /** Where the event comes in the contract's order (OrderFacts): PAID 0, CONFIRMED 1, REFUNDED 2, CANCELLED 3. */
    public int rank() {
        return switch (event) {
            case PAID -> 0;
            case CONFIRMED -> 1;
            case REFUNDED -> 2;
            case CANCELLED -> 3;
        };
    }

    @Override
    public int compareTo(EventRef other) {
        return ORDER.compare(this, other);
    }
}
