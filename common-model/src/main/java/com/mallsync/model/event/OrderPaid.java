package com.mallsync.model.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.mallsync.model.Topics;

/**
 * A paid mall order, normalised, as one push showed it, and the one fact of its life this record announces
 * ({@link #event}): the value of every record on {@code orders.paid.v1} (ARCHITECTURE.md, "Order lifecycle").
 *
 * @param schemaVersion    {@link #SCHEMA_VERSION}; a consumer refuses versions it does not know
 *                         ({@link #readableVersion}); version 1 records are PAID events
 * @param eventId          deterministic per (mall, order, fact[, line]) ({@link OrderEvent#eventId}): a re-push of
 *                         the same fact carries the same id, which is what consumers deduplicate on
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
 * @param event            the fact this record announces; {@code null} (in version 1 records) reads as PAID
 * @param line             the refunded line's {@code detail[].id} for {@link OrderEvent#REFUNDED}, else {@code null}
 * @param lifecycle        the order's state after payment as the push showed it; {@code null} reads as
 *                         {@link Lifecycle#PAID_ONLY}
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
        String rawPayload,
        OrderEvent event,
        Long line,
        Lifecycle lifecycle) {

    /** 2 since the lifecycle: a consumer that knows only 1 must refuse a CONFIRMED record, not take it for a sale. */
    public static final int SCHEMA_VERSION = 2;

    public OrderPaid {
        lines = lines == null ? List.of() : List.copyOf(lines);
        supportPayTypes = supportPayTypes == null ? List.of() : List.copyOf(supportPayTypes);
        event = event == null ? OrderEvent.PAID : event;
        lifecycle = lifecycle == null ? Lifecycle.PAID_ONLY : lifecycle;
    }

    /** A PAID event as records before the lifecycle carried it. */
    public OrderPaid(int schemaVersion, UUID eventId, Instant occurredAt, long mallId, String orderNo,
                     Long mallOrderId, String payOrderNo, OffsetDateTime createdAt, OffsetDateTime paidAt,
                     Integer payType, List<String> supportPayTypes, Integer wxPay, OrderAmounts amounts, Buyer buyer,
                     List<OrderLine> lines, Remarks remarks, Distributor distributor, String rawPayload) {
        this(schemaVersion, eventId, occurredAt, mallId, orderNo, mallOrderId, payOrderNo, createdAt, paidAt, payType,
                supportPayTypes, wxPay, amounts, buyer, lines, remarks, distributor, rawPayload, OrderEvent.PAID, null,
                null);
    }

    /** The schema versions a consumer of this build reads: 1 (PAID only) and {@link #SCHEMA_VERSION}. */
    public static boolean readableVersion(int version) {
        return version == 1 || version == SCHEMA_VERSION;
    }

    /**
     * This order as the record of {@code fact} (and {@code refundedLine} for REFUNDED): same snapshot, the fact's
     * own {@link OrderEvent#eventId}, the current {@link #SCHEMA_VERSION}.
     */
    public OrderPaid as(OrderEvent fact, Long refundedLine) {
        return new OrderPaid(SCHEMA_VERSION, fact.eventId(mallId, orderNo, refundedLine), occurredAt, mallId, orderNo,
                mallOrderId, payOrderNo, createdAt, paidAt, payType, supportPayTypes, wxPay, amounts, buyer, lines,
                remarks, distributor, rawPayload, fact, refundedLine, lifecycle);
    }

    /** This snapshot with another state after payment (same event, same id). */
    public OrderPaid withLifecycle(Lifecycle state, List<OrderLine> linesNow) {
        return new OrderPaid(schemaVersion, eventId, occurredAt, mallId, orderNo, mallOrderId, payOrderNo, createdAt,
                paidAt, payType, supportPayTypes, wxPay, amounts, buyer, linesNow, remarks, distributor, rawPayload,
                event, line, state);
    }

    /** The line a REFUNDED event is about, if the snapshot has it. */
    public Optional<OrderLine> refundedLine() {
        return line == null ? Optional.empty()
                : lines.stream().filter(l -> line.equals(l.lineId())).findFirst();
    }

    /** The id of another event of this order (to look up its outcome, say). */
    public UUID eventIdOf(OrderEvent fact, Long refundedLine) {
        return fact.eventId(mallId, orderNo, refundedLine);
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

    /** The PAID event's id: the same for every push of one order, from any ingest instance, before or after a restart. */
    public static UUID eventIdFor(long mallId, String orderNo) {
        return OrderEvent.PAID.eventId(mallId, orderNo, null);
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
        return "OrderPaid[event=" + event + (line == null ? "" : ", line=" + line) + ", eventId=" + eventId
                + ", key=" + key() + ", lines=" + lines.size()
                + ", pay=" + (amounts == null ? null : amounts.totalPayPrice()) + "]";
    }
}
