package com.mallsync.model.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import com.mallsync.model.Topics;

/**
 * What one record on {@code orders.paid.v1} announces: one fact of an order's life (ARCHITECTURE.md, "Order
 * lifecycle"). Its name is the contract value of {@link SyncOutcome#event()}.
 */
public enum OrderEvent {
    /** The buyer paid: the sale. */
    PAID("mall.order.paid.v1", "mall.order.paid"),
    /** The buyer confirmed receipt ({@code is_confirm} 1). */
    CONFIRMED("mall.order.confirmed.v1", "mall.order.confirmed"),
    /** The order was cancelled after payment ({@code cancel_status} 1; 2, "requested", is not a fact yet). */
    CANCELLED("mall.order.cancelled.v1", "mall.order.cancelled"),
    /** One line was refunded ({@code is_refund} 1 and {@code refund_status} 2): one event per line. */
    REFUNDED("mall.order.refunded.v1", "mall.order.refunded");

    private final String ceType;
    private final String idPrefix;

    OrderEvent(String ceType, String idPrefix) {
        this.ceType = ceType;
        this.idPrefix = idPrefix;
    }

    /** The record's CloudEvents {@code ce_type} header. */
    public String ceType() {
        return ceType;
    }

    /** The event whose {@code ce_type} this is. */
    public static Optional<OrderEvent> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(e -> e.ceType.equals(ceType)).findFirst();
    }

    /**
     * The event's id, derived from (mall, order, fact[, line]) only: the same fact pushed again, to any ingest
     * instance, before or after a restart, gets the same id, which is what consumers deduplicate on. The PAID id is
     * the one every record had before the lifecycle existed ({@code "mall.order.paid:{mallId}:{orderNo}"}).
     *
     * @param line the refunded line's id ({@code detail[].id}) for {@link #REFUNDED}; {@code null} for the others
     */
    public UUID eventId(long mallId, String orderNo, Long line) {
        if ((this == REFUNDED) != (line != null)) {
            throw new IllegalArgumentException(this == REFUNDED ? "a REFUNDED event names its line"
                    : this + " names no line");
        }
        String name = idPrefix + ":" + Topics.orderKey(mallId, orderNo) + (line == null ? "" : ":" + line);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
