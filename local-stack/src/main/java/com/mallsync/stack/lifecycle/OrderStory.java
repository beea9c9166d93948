package com.mallsync.stack.lifecycle;

import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.event.OrderEvent;

/**
 * The pushes a mall sends for one order, in order: the first shows it paid, each later one the whole order again
 * with one more fact (confirmed, cancelled, or one more line refunded).
 *
 * @param lineIds every {@code detail[].id} of the order, in detail order
 * @param pushes  the state each push shows; the first is {@link OrderState#PAID}
 */
public record OrderStory(List<Long> lineIds, List<OrderState> pushes) {

    public OrderStory {
        lineIds = List.copyOf(lineIds);
        pushes = List.copyOf(pushes);
        if (pushes.isEmpty() || !pushes.get(0).equals(OrderState.PAID)) {
            throw new IllegalArgumentException("a story starts with the paid push");
        }
    }

    /** Paid, and nothing since. */
    public static OrderStory paidOnly(List<Long> lineIds) {
        return new OrderStory(lineIds, List.of(OrderState.PAID));
    }

    /** The story of the first {@code count} pushes (those the mall got acknowledged, say). */
    public OrderStory first(int count) {
        return new OrderStory(lineIds, pushes.subList(0, Math.max(1, Math.min(count, pushes.size()))));
    }

    /**
     * The events the pushes announce, each once, in the order ingest publishes them: per push, the facts it shows
     * that no earlier push showed, as paid, confirmed, each refunded line, cancelled ({@code OrderFacts}).
     */
    public List<Fact> events() {
        List<Fact> events = new ArrayList<>();
        OrderState before = null;
        for (OrderState now : pushes) {
            if (before == null) {
                events.add(new Fact(OrderEvent.PAID, null));
            }
            if (now.confirmed() && (before == null || !before.confirmed())) {
                events.add(new Fact(OrderEvent.CONFIRMED, null));
            }
            for (Long line : lineIds) {
                if (now.refundedLines().contains(line) && (before == null || !before.refundedLines().contains(line))) {
                    events.add(new Fact(OrderEvent.REFUNDED, line));
                }
            }
            if (now.cancelled() && (before == null || !before.cancelled())) {
                events.add(new Fact(OrderEvent.CANCELLED, null));
            }
            before = now;
        }
        return List.copyOf(events);
    }

    /** The state the last push shows. */
    public OrderState last() {
        return pushes.get(pushes.size() - 1);
    }

    /** One fact of the order: an event and, for a refund, its line. */
    public record Fact(OrderEvent event, Long line) {

        @Override
        public String toString() {
            return line == null ? event.name() : event + " line " + line;
        }
    }
}
