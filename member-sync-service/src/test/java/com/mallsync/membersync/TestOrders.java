package com.mallsync.membersync;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.UnaryOperator;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Seeds;

/** OrderPaid events for tests: the seed sample as ingest maps it, and fresh copies of it under other numbers. */
public final class TestOrders {

    private TestOrders() {
    }

    /** The seed's push, through ingest's own mapping. */
    public static OrderPaid seed() {
        String raw = Seeds.mallOrderPush();
        return OrderPaidMapping.toOrderPaid(Json.read(raw, MallOrderPush.class), raw, Instant.parse("2025-03-20T08:58:13Z"));
    }

    /** The seed order as another order of another mall, placed and paid a minute ago (so within one year). */
    public static OrderPaid fresh(long mallId, String orderNo) {
        OrderPaid s = seed();
        OffsetDateTime now = OffsetDateTime.now(MallTime.ZONE).withNano(0).minusMinutes(1);
        return new OrderPaid(s.schemaVersion(), OrderPaid.eventIdFor(mallId, orderNo), Instant.now(), mallId, orderNo,
                s.mallOrderId(), s.payOrderNo(), now, now, s.payType(), s.supportPayTypes(), s.wxPay(), s.amounts(), s.buyer(),
                s.lines(), s.remarks(), s.distributor(), null);
    }

    public static OrderPaid withLines(OrderPaid o, UnaryOperator<List<OrderLine>> change) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), o.payType(), o.supportPayTypes(), o.wxPay(), o.amounts(), o.buyer(),
                change.apply(o.lines()), o.remarks(), o.distributor(), o.rawPayload());
    }

    public static OrderPaid withAmounts(OrderPaid o, OrderAmounts amounts) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), o.payType(), o.supportPayTypes(), o.wxPay(), amounts, o.buyer(),
                o.lines(), o.remarks(), o.distributor(), o.rawPayload());
    }

    public static OrderPaid withTimes(OrderPaid o, OffsetDateTime created, OffsetDateTime paid) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), created, paid, o.payType(), o.supportPayTypes(), o.wxPay(), o.amounts(), o.buyer(),
                o.lines(), o.remarks(), o.distributor(), o.rawPayload());
    }

    public static OrderPaid withBuyer(OrderPaid o, com.mallsync.model.event.Buyer buyer) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), o.payType(), o.supportPayTypes(), o.wxPay(), o.amounts(), buyer,
                o.lines(), o.remarks(), o.distributor(), o.rawPayload());
    }

    public static OrderLine line(long goodsId, long skuId, String barCode, int qty, String unit, String original,
                                 String paid, String memberDiscount) {
        return new OrderLine(goodsId, goodsId, skuId, "", "", barCode, "goods " + goodsId, List.of(), qty,
                new BigDecimal(unit), new BigDecimal(original), new BigDecimal(paid), new BigDecimal(memberDiscount), null);
    }
}
