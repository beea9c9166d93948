package com.mallsync.model.event;

import java.time.OffsetDateTime;

/**
 * The order's state after payment, as the push that produced the record showed it (MALL-FIELDS.md, "Payment and
 * state"). Each line's refund is on the line ({@link OrderLine#refunded()}).
 *
 * @param confirmed    {@code is_confirm} is 1: the buyer confirmed receipt
 * @param confirmedAt  {@code confirm_time}, Asia/Shanghai; {@code null} when absent or {@code 0000-00-00 …}
 * @param cancelStatus {@code cancel_status}: 0 not cancelled, 1 cancelled, 2 cancellation requested
 * @param cancelledAt  {@code cancel_time}, Asia/Shanghai, or {@code null}
 * @param updatedAt    the order's {@code updated_at}, Asia/Shanghai, or {@code null}: when the push's state was
 *                     last changed (the push carries no refund time, so a line refund is dated by it)
 */
public record Lifecycle(boolean confirmed, OffsetDateTime confirmedAt, int cancelStatus, OffsetDateTime cancelledAt,
                        OffsetDateTime updatedAt) {

    /** A paid order and nothing since: what records written before the lifecycle existed are read as. */
    public static final Lifecycle PAID_ONLY = new Lifecycle(false, null, 0, null, null);

    /** {@code cancel_status} 1. A requested cancellation (2) is not a fact yet. */
    public boolean cancelled() {
        return cancelStatus == 1;
    }
}
