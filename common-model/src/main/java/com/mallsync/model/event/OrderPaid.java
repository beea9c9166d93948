package com.mallsync.model.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.mallsync.model.Topics;

/**
 * A paid mall order, normalised: the value of {@code orders.paid.v1}.
 *
 * @param schemaVersion    {@link #SCHEMA_VERSION}; a consumer refuses versions it does not know
 * @param eventId          deterministic per order ({@link #eventIdFor}): a re-push of the same order carries the
 *                         same id, which is what consumers deduplicate on
 * @param occurredAt       when ingest accepted the push
 * @param mallId           the mall ({@code mall_id})
 * @param orderNo          the mall's order number ({@code order_no})
 * @param mallOrderId      the mall's internal order id ({@code id})
 * @param payOrderNo       the payment's number ({@code pay_order_no})
 * @param createdAt        when the buyer placed the order, Asia/Shanghai
 * @param paidAt           when the buyer paid, Asia/Shanghai
 * @param payType          the mall's {@code pay_type} code
 * @param supportPayTypes  {@code support_pay_types}, parsed
 * @param wxPay            {@code is_wxpay}: 1 when the push says the buyer paid with WeChat, else 0 or {@code null}
 * @param amounts          every money field of the order, exact
 * @param buyer            who ordered and where it goes
 * @param lines            the goods lines, at least one
 * @param remarks          buyer and seller remarks
 * @param distributor      the distributor above the buyer, or {@code null}
 * @param rawPayload       the push exactly as received, so a mapping fixed later can be replayed
 */
public record OrderPaid(
        int schemaVersion,
        UUID eventId,
        Instant occurredAt,
        long mallId,
        String orderNo,
        Long mallOrderId,
        String payOrderNo,
        OffsetDateTime createdAt,
        OffsetDateTime paidAt,
        Integer payType,
        List<String> supportPayTypes,
        Integer wxPay,
        OrderAmounts amounts,
        Buyer buyer,
        List<OrderLine> lines,
        Remarks remarks,
        Distributor distributor,
        String rawPayload) {

    public static final int SCHEMA_VERSION = 1;

    public OrderPaid {
        lines = lines == null ? List.of() : List.copyOf(lines);
        supportPayTypes = supportPayTypes == null ? List.of() : List.copyOf(supportPayTypes);
    }

    /** An order whose push says nothing about WeChat ({@code is_wxpay} absent). */
    public OrderPaid(int schemaVersion, UUID eventId, Instant occurredAt, long mallId, String orderNo,
                     Long mallOrderId, String payOrderNo, OffsetDateTime createdAt, OffsetDateTime paidAt,
                     Integer payType, List<String> supportPayTypes, OrderAmounts amounts, Buyer buyer,
                     List<OrderLine> lines, Remarks remarks, Distributor distributor, String rawPayload) {
        this(schemaVersion, eventId, occurredAt, mallId, orderNo, mallOrderId, payOrderNo, createdAt, paidAt, payType,
                supportPayTypes, null, amounts, buyer, lines, remarks, distributor, rawPayload);
    }

    /** Whether the push says WeChat paid ({@code is_wxpay} 1). */
    public boolean paidWithWeChat() {
        return wxPay != null && wxPay == 1;
    }

    /** The same id for every push of one order, from any ingest instance, before or after a restart. */
    public static UUID eventIdFor(long mallId, String orderNo) {
        return UUID.nameUUIDFromBytes(("mall.order.paid:" + Topics.orderKey(mallId, orderNo))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The record key on every topic. */
    public String key() {
        return Topics.orderKey(mallId, orderNo);
    }

    /** Total quantity over all lines. */
    public int totalQuantity() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }

    /** A short form without buyer data or the raw payload, safe to log. */
    @Override
    public String toString() {
        return "OrderPaid[eventId=" + eventId + ", key=" + key() + ", lines=" + lines.size()
                + ", pay=" + (amounts == null ? null : amounts.totalPayPrice()) + "]";
    }
}
