package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import com.mallsync.membersync.TestOrders;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Return rows (seed 1.4 "退货金额和数量必须都为负数"): the sale's rows negated, their own Code, OriginalCode the sale's. */
class CrmReturnMappingTest {

    static final ShopChannel MALL222 = ShopChannel.of("MALL222");
    static final ShopChannel FREIGHT_ROW = new ShopChannel("MALL222", 1, FreightMode.LINE, "YF001", null, null);
    static final Instant NOW = Instant.parse("2025-03-21T00:00:00Z");
    static final OffsetDateTime REFUND_TIME = OffsetDateTime.parse("2025-03-20T18:00:00+08:00");
    static final OffsetDateTime CANCEL_TIME = OffsetDateTime.parse("2025-03-20T19:30:00+08:00");

    /** The two-line coupon order (14.14 and 7.86 paid, freight 8.00) as the record of {@code fact}. */
    static OrderPaid event(OrderEvent fact, Long line) {
        OrderPaid order = CrmOrderMappingTest.couponOrder("22.00", "30.00", "0.00");
        Lifecycle state = new Lifecycle(true, null, fact == OrderEvent.CANCELLED ? 1 : 0,
                fact == OrderEvent.CANCELLED ? CANCEL_TIME : null, REFUND_TIME);
        return order.withLifecycle(state, order.lines()).as(fact, line);
    }

    static CrmOrder mapped(CrmMapping mapping) {
        assertThat(mapping).isInstanceOf(CrmMapping.Mapped.class);
        return ((CrmMapping.Mapped) mapping).order();
    }

    @Test
    void aRefundedLineReturnsExactlyThatLinesFiguresNegated() {
        CrmOrder sale = CrmOrderMapping.toCrmOrder(event(OrderEvent.CONFIRMED, null), MALL222);
        CrmOrder back = mapped(CrmReturnMapping.ofLine(event(OrderEvent.REFUNDED, 2L), MALL222));

        assertThat(back.code()).isEqualTo("20250320165809904355R2");          // the order's 2nd line by id
        assertThat(back.originalCode()).isEqualTo(sale.code());               // 关联单号(退货单关联)
        assertThat(back.dtls()).containsExactly(new CrmOrder.Line("6902", new BigDecimal("10.00"),
                new BigDecimal("7.86"), -1, new BigDecimal("-7.86"), new BigDecimal("2.14")));
        assertThat(sale.dtls().get(1).amount()).isEqualByComparingTo("7.86");
        assertThat(back.totalQty()).isEqualTo(-1);
        assertThat(back.totalMoney()).isEqualByComparingTo("-7.86");
        assertThat(back.payAmount()).isEqualByComparingTo("-7.86");
        assertThat(back.discountMoney()).isEqualByComparingTo("2.14");        // 1.4 DiscountMoney不能小于0
        assertThat(back.orderTime()).isEqualTo("2025-03-20 18:00:00");         // the push's updated_at
        assertThat(back.payTime()).isEqualTo("2025-03-20 18:00:00");
        assertThat(back.buyerCode()).isEqualTo(sale.buyerCode());
        assertThat(CrmOrderRules.firstViolation(back, NOW)).isEmpty();
    }

    @Test
    void aCancellationReturnsWhatIsLeftAndTheFreightRow() {
        OrderPaid cancelled = event(OrderEvent.CANCELLED, null);

        CrmOrder back = mapped(CrmReturnMapping.ofRest(cancelled, FREIGHT_ROW, Set.of(2L)));

        assertThat(back.code()).isEqualTo("20250320165809904355C");
        assertThat(back.dtls()).containsExactly(
                new CrmOrder.Line("6901", new BigDecimal("10.00"), new BigDecimal("7.07"), -2,
                        new BigDecimal("-14.14"), new BigDecimal("5.86")),
                new CrmOrder.Line("YF001", new BigDecimal("8.00"), new BigDecimal("8.00"), -1,
                        new BigDecimal("-8.00"), new BigDecimal("0.00")));
        assertThat(back.totalMoney()).isEqualByComparingTo("-22.14");
        assertThat(back.totalQty()).isEqualTo(-3);
        assertThat(back.orderTime()).isEqualTo("2025-03-20 19:30:00");         // cancel_time
        assertThat(CrmOrderRules.firstViolation(back, NOW)).isEmpty();
    }

    @Test
    void aCancellationWithEveryLineReturnedAndNoFreightRowReturnsNothing() {
        assertThat(CrmReturnMapping.ofRest(event(OrderEvent.CANCELLED, null), MALL222, Set.of(1L, 2L)))
                .isInstanceOf(CrmMapping.Nothing.class);
    }

    @Test
    void aSaleWithoutARefundedLineCarriesTheOtherLinesAsTheWholeSaleWould() {
        CrmOrder whole = CrmOrderMapping.toCrmOrder(event(OrderEvent.CONFIRMED, null), MALL222);
        CrmOrder part = mapped(CrmOrderMapping.sale(event(OrderEvent.CONFIRMED, null), MALL222, Set.of(1L)));

        assertThat(part.dtls()).containsExactly(whole.dtls().get(1));
        assertThat(part.totalMoney()).isEqualByComparingTo("7.86");
        assertThat(part.payAmount()).isEqualByComparingTo("7.86");
        assertThat(part.code()).isEqualTo(whole.code());
        assertThat(CrmOrderMapping.sale(event(OrderEvent.CONFIRMED, null), MALL222, Set.of(1L, 2L)))
                .isInstanceOf(CrmMapping.Nothing.class);
    }

    @Test
    void aLongSaleCodeGetsAHashedReturnCodeOfAtMost26CharactersNeverEqualToIt() {
        OrderPaid base = event(OrderEvent.REFUNDED, 2L);
        String sale = "12345678901234567890123456";
        OrderPaid refunded = new OrderPaid(base.schemaVersion(), base.eventId(), base.occurredAt(), base.mallId(), sale,
                base.mallOrderId(), base.payOrderNo(), base.createdAt(), base.paidAt(), base.payType(),
                base.supportPayTypes(), base.wxPay(), base.amounts(), base.buyer(), base.lines(), base.remarks(),
                base.distributor(), null, OrderEvent.REFUNDED, 2L, base.lifecycle());

        String code = CrmReturnMapping.code(refunded);

        assertThat(code).hasSize(26).isNotEqualTo(sale).startsWith(sale.substring(0, 16)).endsWith("R2");
        assertThat(code).isEqualTo(CrmReturnMapping.code(refunded));           // derived, so a redelivery repeats it
        assertThat(code).isNotEqualTo(CrmReturnMapping.code(refunded.as(OrderEvent.REFUNDED, 1L)));
    }

    @Test
    void aLinePaidNothingHasNoReturnRow() {
        OrderPaid order = CrmOrderMappingTest.couponOrder("22.00", "30.00", "0.00");
        OrderPaid free = TestOrders.withLines(order, l -> List.of(l.get(0),
                TestOrders.line(2, 22, "6902", 1, "10.00", "10.00", "0.00", "0.00")));
        free = TestOrders.withAmounts(free, new OrderAmounts(
                new BigDecimal("22.14"), new BigDecimal("22.14"), new BigDecimal("14.14"), new BigDecimal("30.00"),
                new BigDecimal("8.00"), new BigDecimal("8.00"), new BigDecimal("2.00"), BigDecimal.ZERO, 0,
                BigDecimal.ZERO, 0, BigDecimal.ZERO));

        assertThat(CrmReturnMapping.ofLine(free.as(OrderEvent.REFUNDED, 2L), MALL222))
                .isEqualTo(new CrmMapping.Nothing(CrmReturnMapping.NOTHING_TO_RETURN));
    }
}
