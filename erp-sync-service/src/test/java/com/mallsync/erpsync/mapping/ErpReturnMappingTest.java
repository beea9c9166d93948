package com.mallsync.erpsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.model.money.MoneyReading;
import com.mallsync.model.money.OrderMoney;

/** Returns (TH 1) of the mall's seed push: a refunded line, a cancellation, and what they share with the sale. */
class ErpReturnMappingTest {

    private static final OffsetDateTime REFUNDED = OffsetDateTime.parse("2025-03-22T10:00:00+08:00");

    @Test
    void aLineReturnCarriesThatLineAsTheSaleDidAndRefundsWhatWasPaidForIt() throws Exception {
        OrderPaid order = ErpTradeMappingTest.seedPush();
        OrderLine line = order.lines().get(0);
        Map<String, String> saleMaster = rows(ErpTradeMapping.map(order, TestSettings.DEFAULTS).masterXml(), "master")
                .get(0);
        List<Map<String, String>> saleDetails = rows(ErpTradeMapping.map(order, TestSettings.DEFAULTS).detailXml(),
                "detail");

        ErpTrade trade = ErpReturnMapping.lineReturn(order, TestSettings.DEFAULTS, line.lineId(), REFUNDED);

        Map<String, String> master = rows(trade.masterXml(), "master").get(0);
        BigDecimal paid = money(order).lines().get(0).paid();
        assertThat(trade.th()).isEqualTo(1);
        assertThat(master.get("OuterID")).isEqualTo(order.orderNo() + "-R" + line.lineId())
                .isNotEqualTo(saleMaster.get("OuterID"));
        assertThat(master.get("TradeID")).isEqualTo(order.orderNo()).isEqualTo(saleMaster.get("TradeID"));
        assertThat(new BigDecimal(master.get("RefundFee"))).isEqualByComparingTo(paid).isPositive();
        assertThat(new BigDecimal(master.get("FactMoney"))).isEqualByComparingTo(paid);
        assertThat(new BigDecimal(rows(trade.payXml(), "pay").get(0).get("FactMoney"))).isEqualByComparingTo(paid);
        assertThat(new BigDecimal(master.get("Freight"))).isZero();
        assertThat(master.get("RefundTime")).isEqualTo("2025/3/22 10:00:00");
        for (String same : List.of("CreateTime", "PayTime", "ReceiptID", "BuyerName", "TradeType", "PayStatus")) {
            assertThat(master.get(same)).as(same).isEqualTo(saleMaster.get(same));
        }
        assertThat(rows(trade.detailXml(), "detail")).containsExactly(saleDetails.get(0));
        assertThat(trade.storedProcedureName()).isEqualTo("UP_TradeTransferToSale");
    }

    @Test
    void aCancellationWithNothingReturnedBeforeIsTheWholeSaleBackWithItsFreight() throws Exception {
        OrderPaid order = ErpTradeMappingTest.seedPush();
        ErpTrade sale = ErpTradeMapping.map(order, TestSettings.DEFAULTS);

        ErpTrade trade = ErpReturnMapping.cancelReturn(order, TestSettings.DEFAULTS, Set.of(), REFUNDED);

        Map<String, String> master = rows(trade.masterXml(), "master").get(0);
        Map<String, String> saleMaster = rows(sale.masterXml(), "master").get(0);
        assertThat(master.get("OuterID")).isEqualTo(order.orderNo() + "-C");
        assertThat(new BigDecimal(master.get("RefundFee"))).isEqualByComparingTo(order.amounts().totalPayPrice());
        for (String same : List.of("OriginalMoney", "FactMoney", "ContractFeeBefore", "ContractFee", "OtherFee",
                "Freight", "TotalMoney", "TradeID", "PayTime")) {
            assertThat(master.get(same)).as(same).isEqualTo(saleMaster.get(same));
        }
        assertThat(new BigDecimal(master.get("Freight"))).isEqualByComparingTo(order.amounts().freight());
        assertThat(trade.detailXml()).isEqualTo(sale.detailXml());
        assertThat(trade.payXml()).isEqualTo(sale.payXml());
    }

    @Test
    void aCancellationAfterALineReturnReturnsTheRestAndExactlyWhatWasPaidForIt() throws Exception {
        OrderPaid order = twoLines();
        long first = order.lines().get(0).lineId();
        ErpTrade line = ErpReturnMapping.lineReturn(order, TestSettings.DEFAULTS, first, REFUNDED);

        ErpTrade rest = ErpReturnMapping.cancelReturn(order, TestSettings.DEFAULTS, Set.of(first), REFUNDED);

        BigDecimal refunded = new BigDecimal(rows(line.masterXml(), "master").get(0).get("RefundFee"))
                .add(new BigDecimal(rows(rest.masterXml(), "master").get(0).get("RefundFee")));
        assertThat(refunded).isEqualByComparingTo(order.amounts().totalPayPrice());
        assertThat(rows(rest.detailXml(), "detail")).hasSize(order.lines().size() - 1);
        assertThatThrownBy(() -> ErpReturnMapping.cancelReturn(order, TestSettings.DEFAULTS,
                Set.of(first, order.lines().get(1).lineId()), REFUNDED))
                .isInstanceOf(MappingException.class).hasMessageContaining("nothing left");
    }

    @Test
    void aReturnsOuterIdNeverFitsByCuttingItIsRefused() {
        OrderPaid order = ErpTradeMappingTest.seedPush();
        String thirty = "123456789012345678901234567890";
        OrderPaid longNo = withOrderNo(order, thirty);

        assertThat(ErpReturnMapping.cancelOuterId(longNo)).hasSize(32);
        assertThatThrownBy(() -> ErpReturnMapping.lineOuterId(longNo, 496_877L))
                .isInstanceOf(MappingException.class).hasMessageContaining("String(32)");
        assertThatThrownBy(() -> ErpReturnMapping.lineReturn(order, TestSettings.DEFAULTS, 1L, REFUNDED))
                .isInstanceOf(MappingException.class).hasMessageContaining("no line 1");
    }

    /** A mall-priced order of two lines (freight, discounts as {@link MallCheckout} draws them). */
    static OrderPaid twoLines() {
        MallCheckout c = MallCheckout.random(new Random(3), List.of(new MallCheckout.Item(new BigDecimal("59.90"), 1),
                new MallCheckout.Item(new BigDecimal("20.00"), 2)));
        return CheckoutPush.orderPaid(c, 222, "E2", OffsetDateTime.parse("2025-03-20T16:58:12+08:00"));
    }

    private static OrderPaid withOrderNo(OrderPaid o, String orderNo) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), orderNo, o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), o.payType(), o.supportPayTypes(), o.wxPay(), o.amounts(),
                o.buyer(), o.lines(), o.remarks(), o.distributor(), o.rawPayload());
    }

    private static OrderMoney money(OrderPaid order) {
        return ((MoneyReading.Read) OrderMoney.read(order)).money();
    }

    private static List<Map<String, String>> rows(String xml, String root) throws Exception {
        return XmlRows.read(xml, root);
    }
}
