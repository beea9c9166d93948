package com.mallsync.stack.lifecycle;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An order's state as one push shows it (MALL-FIELDS.md, "Payment and state"): always paid; confirmed; cancelled;
 * the lines refunded so far. States only grow: a later push shows every fact of the earlier ones.
 *
 * @param refundedLines the {@code detail[].id} of each refunded line, in the order they were refunded
 */
public record OrderState(boolean confirmed, boolean cancelled, Set<Long> refundedLines) {

    public static final OrderState PAID = new OrderState(false, false, Set.of());

    public OrderState {
        refundedLines = Collections.unmodifiableSet(new LinkedHashSet<>(refundedLines));
    }

    public OrderState withConfirmed() {
        return new OrderState(true, cancelled, refundedLines);
    }

    public OrderState withCancelled() {
        return new OrderState(confirmed, true, refundedLines);
    }

    public OrderState withRefunded(long line) {
        Set<Long> lines = new LinkedHashSet<>(refundedLines);
        lines.add(line);
        return new OrderState(confirmed, cancelled, lines);
    }
}
