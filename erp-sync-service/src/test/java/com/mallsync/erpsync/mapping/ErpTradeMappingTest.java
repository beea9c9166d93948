package com.mallsync.erpsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.Remarks;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Seeds;

class ErpTradeMappingTest {

    /** "MasterXml参数示例" of erp-trade-transfer-to-erp.txt, with the doc's {@code \"} unescaped. */
    static final String SEED_MASTER = "<master><master TradeType=\"Fixed\" TradeID=\"6647762366539116544\" CreateTime=\"2020/3/23 15:54:17\" OriginalMoney=\"106.4000\" FactMoney=\"79.8\" ContractFeeBefore=\"26.6000\" ContractFee=\"0.0000\" OtherFee=\"0.0000\" ReductionFee=\"0.0000\" Freight=\"0.0000\" LateFee=\"0.0\" PayTime=\"2020/3/23 15:55:15\" RefundFee=\"0.0000\" RefundTime=\"1900/1/1 0:00:00\" TradeSource=\"TS_WX\" ProvinceID=\"山东\" CityID=\"泰安\" DistrictID=\"泰山区\" BuyerAddress=\"泰安\" BuyerName=\"未设置昵称\" BuyerPhone=\"15618937285\" OuterID=\"\" ReceiptID=\"6647762547544305664\" Remark=\"\" SaleUID=\"\" PayStatus=\"2\" TotalMoney=\"79.8000\" ZipCode=\"\" DelayTime=\"1900/1/1 0:00:00\" ThirdPartyData=\"\" /></master>";
    /** "DetailXml参数示例". */
    static final String SEED_DETAIL = "<detail><detail GoodsID=\"6646654848093933568\" yhProductID=\"268E6E1D13754EE9878E31A6F7EB9C43\" GoodsNumber=\"1\" OldPrice=\"32.8000\" Price=\"24.6000\" ContractFeeItem=\"8.2000\" OtherFeeItem=\"0.0000\" ReductionFeeItem=\"0.0000\" CreateTime=\"2020/3/23 15:54:20\" Remark=\"\" /><detail GoodsID=\"6645888394863984640\" yhProductID=\"3F303A1104AC4A80A438E306F8AFCCA3\" GoodsNumber=\"1\" OldPrice=\"36.8000\" Price=\"27.6000\" ContractFeeItem=\"9.2000\" OtherFeeItem=\"0.0000\" ReductionFeeItem=\"0.0000\" CreateTime=\"2020/3/23 15:54:20\" Remark=\"\" /><detail GoodsID=\"6645888392884273152\" yhProductID=\"E580F5216E604C50A0D7472298FEEC60\" GoodsNumber=\"1\" OldPrice=\"36.8000\" Price=\"27.6000\" ContractFeeItem=\"9.2000\" OtherFeeItem=\"0.0000\" ReductionFeeItem=\"0.0000\" CreateTime=\"2020/3/23 15:54:20\" Remark=\"\" /></detail>";
    /** "PayXml参数示例". */
    static final String SEED_PAY = "<pay><pay FactMoney=\"79.8\" PayChannel=\"PC_WX\" /></pay>";

    private static final Set<String> DECIMALS = Set.of("OriginalMoney", "FactMoney", "ContractFeeBefore",
            "ContractFee", "OtherFee", "ReductionFee", "Freight", "LateFee", "RefundFee", "TotalMoney", "OldPrice",
            "Price", "ContractFeeItem", "OtherFeeItem", "ReductionFeeItem", "GoodsNumber");

    @Test
    void reproducesTheSeedsExampleFromAnEquivalentOrder() throws Exception {
        MallErpSettings settings = new MallErpSettings("demo-uid-222", "Fixed", "TS_WX", "2", Map.of(1, "PC_ONLINE"),
                "", "PC_WX", "UP_TradeTransferToSale", 0, GoodsField.GOODS_ID, GoodsField.SKU_NO);

        ErpTrade trade = ErpTradeMapping.map(seedEquivalentOrder(), settings);

        assertSameRows(XmlRows.read(trade.masterXml(), "master"), seedMasterWithOuterId("6647762366539116544"));
        assertSameRows(XmlRows.read(trade.detailXml(), "detail"), XmlRows.read(SEED_DETAIL, "detail"));
        assertSameRows(XmlRows.read(trade.payXml(), "pay"), XmlRows.read(SEED_PAY, "pay"));
        assertThat(trade.masterXml()).startsWith("<master><master TradeType=\"Fixed\" TradeID=").endsWith("/></master>")
                .contains("OriginalMoney=\"106.4000\"", "ContractFeeBefore=\"26.6000\"", "TotalMoney=\"79.8000\"");
        assertThat(trade.detailXml()).startsWith("<detail><detail GoodsID=\"6646654848093933568\"")
                .contains("Price=\"24.6000\" ContractFeeItem=\"8.2000\"");
        assertThat(trade.payXml()).isEqualTo("<pay><pay FactMoney=\"79.8000\" PayChannel=\"PC_WX\"/></pay>");
        assertThat(trade.uid()).isEqualTo("demo-uid-222");
        assertThat(trade.storedProcedureName()).isEqualTo("UP_TradeTransferToSale");
        assertThat(trade.th()).isZero();
        assertThat(trade.audit()).isZero();
    }

    @Test
    void escapesEveryValueAndDropsCharactersXmlCannotCarry() throws Exception {
        OrderPaid order = withBuyer(seedEquivalentOrder(),
                new Buyer(1L, "A \"quoted\" <b> & 'c'\u0001", "1", "x", null, "", "", ""),
                new Remarks("line1\nline2", "", ""));

        ErpTrade trade = ErpTradeMapping.map(order, TestSettings.DEFAULTS);

        assertThat(trade.masterXml()).contains("BuyerName=\"A &quot;quoted&quot; &lt;b&gt; &amp; 'c'\"");
        Map<String, String> master = XmlRows.read(trade.masterXml(), "master").get(0);
        assertThat(master.get("BuyerName")).isEqualTo("A \"quoted\" <b> & 'c'");
        assertThat(master.get("Remark")).isEqualTo("line1 line2");
        assertThat(master.get("BuyerAddress")).isEqualTo("x");
        assertThat(master.get("ProvinceID")).isEmpty();
    }

    @Test
    void mapsTheMallsSeedPushWithFreightAndItsBalancePaymentNotAsWeChat() throws Exception {
        OrderPaid order = seedPush();
        MallErpSettings settings = new MallErpSettings("demo-uid-222", "Fixed", "TS_WX", "2",
                TestSettings.DEFAULTS.payChannels(), "", "PC_WX", "UP_TradeTransferToRetail", 1, GoodsField.GOODS_ID,
                GoodsField.NONE);

        ErpTrade trade = ErpTradeMapping.map(order, settings);

        Map<String, String> master = XmlRows.read(trade.masterXml(), "master").get(0);
        assertThat(master).containsEntry("OriginalMoney", "1.0000").containsEntry("TotalMoney", "1.0000")
                .containsEntry("Freight", "2.0000").containsEntry("FactMoney", "3.0000")
                .containsEntry("OuterID", "20250320165809904355").containsEntry("TradeID", "20250320165809904355")
                .containsEntry("ReceiptID", "HM5d09e6d94181d719206d323914aa93")
                .containsEntry("CreateTime", "2025/3/20 16:58:09").containsEntry("PayTime", "2025/3/20 16:58:12")
                .containsEntry("RefundFee", "0.0000").containsEntry("OtherFee", "0.0000");
        Map<String, String> detail = XmlRows.read(trade.detailXml(), "detail").get(0);
        assertThat(detail).containsEntry("GoodsID", "182694").containsEntry("GoodsNumber", "1")
                .containsEntry("Remark", "颜色:黑色").containsEntry("yhProductID", "");
        // "pay_type": 3, "support_pay_types": "[\"balance\"]", "is_wxpay": 0: balance, the default PC_BALANCE
        assertThat(XmlRows.read(trade.payXml(), "pay").get(0)).containsEntry("PayChannel", "PC_BALANCE")
                .containsEntry("FactMoney", "3.0000");
        assertThat(trade.storedProcedureName()).isEqualTo("UP_TradeTransferToRetail");
        assertThat(trade.audit()).isEqualTo(1);
    }

    @Test
    void refusesAMallWithoutAnErpUid() {
        MallErpSettings noUid = new MallErpSettings("", "Fixed", "TS_WX", "2", Map.of(), "", "PC_WX",
                "UP_TradeTransferToSale", 0, GoodsField.GOODS_ID, GoodsField.NONE);

        assertThatThrownBy(() -> ErpTradeMapping.map(seedEquivalentOrder(), noUid))
                .isInstanceOf(MappingException.class).hasMessageContaining("erp-sync.malls.222.uid");
    }

    @Test
    void refusesALineWithoutTheConfiguredGoodsIdField() {
        MallErpSettings byBarCode = new MallErpSettings("u", "Fixed", "TS_WX", "2", Map.of(1, "PC_ONLINE"), "",
                "PC_WX", "UP_TradeTransferToSale", 0, GoodsField.BAR_CODE, GoodsField.NONE);

        assertThatThrownBy(() -> ErpTradeMapping.map(seedEquivalentOrder(), byBarCode))
                .isInstanceOf(MappingException.class).hasMessageContaining("BAR_CODE");
    }

    @Test
    void aMarkUpOfTheWholeOrderIsANegativeOtherFeeAndFactMoneyIsWhatWasPaid() throws Exception {
        // the merchant raised the seed-equivalent order from 79.80 to 80.00: back_price -0.20. Edit = 79.80 - 80.00
        // = -0.20 over the lines' 24.60 : 27.60 : 27.60: 20 × 24.6/79.8 = 6.165, 20 × 27.6/79.8 = 6.917 (twice):
        // floors 6 + 6 + 6 = 18, the two cents to the larger remainders: 6, 7, 7
        OrderPaid order = withPaid(seedEquivalentOrder(), "80.00", "-0.20");

        Map<String, String> master = XmlRows.read(ErpTradeMapping.map(order, TestSettings.DEFAULTS).masterXml(),
                "master").get(0);
        List<Map<String, String>> details = XmlRows.read(ErpTradeMapping.map(order, TestSettings.DEFAULTS)
                .detailXml(), "detail");

        assertThat(details).extracting(d -> d.get("OtherFeeItem")).containsExactly("-0.0600", "-0.0700", "-0.0700");
        assertThat(master).containsEntry("OtherFee", "-0.2000").containsEntry("FactMoney", "80.0000")
                .containsEntry("TotalMoney", "79.8000").containsEntry("RefundFee", "0.0000");
    }

    @Test
    void theMerchantsDiscountIsAnOtherFeeNotARefund() throws Exception {
        // the merchant took 1.80 off the seed-equivalent order: back_price 1.80, paid 78.00
        OrderPaid order = withPaid(seedEquivalentOrder(), "78.00", "1.80");

        Map<String, String> master = XmlRows.read(ErpTradeMapping.map(order, TestSettings.DEFAULTS).masterXml(),
                "master").get(0);

        // 79.80 - ContractFee 0 - OtherFee 1.80 + Freight 0 = 78.00; back_price counted once, never as RefundFee
        assertThat(master).containsEntry("OtherFee", "1.8000").containsEntry("RefundFee", "0.0000")
                .containsEntry("FactMoney", "78.0000");
    }

    @Test
    void weChatOnlyWhenThePushSaysSoAndAnUnmappedPayTypeIsRefusedNamingTheSetting() throws Exception {
        OrderPaid seed = seedPush();
        assertThat(payChannel(withPay(seed, 1, 1))).isEqualTo("PC_WX");          // "is_wxpay": 1
        assertThat(payChannel(withPay(seed, 1, 0))).isEqualTo("PC_ONLINE");      // online, not WeChat
        assertThat(payChannel(withPay(seed, 2, 0))).isEqualTo("PC_COD");         // cash on delivery
        assertThat(payChannel(seed)).isEqualTo("PC_BALANCE");                    // the seed: "pay_type": 3
        assertThatThrownBy(() -> payChannel(withPay(seed, 4, 0))).isInstanceOf(MappingException.class)
                .hasMessage("no ERP PayChannel for pay_type 4 of mall 222: set erp-sync.malls.222.pay-channels.4 "
                        + "(or erp-sync.mall-defaults.pay-channels.4, or default-pay-channel) and replay the order");
    }

    @Test
    void aMissingCreationTimeFallsBackToThePayTime() throws Exception {
        OrderPaid seed = seedPush();
        OrderPaid noCreatedAt = new OrderPaid(seed.schemaVersion(), seed.eventId(), seed.occurredAt(), seed.mallId(),
                seed.orderNo(), seed.mallOrderId(), seed.payOrderNo(), null, seed.paidAt(), seed.payType(),
                seed.supportPayTypes(), seed.wxPay(), seed.amounts(), seed.buyer(), withoutTimes(seed.lines()),
                seed.remarks(), seed.distributor(), seed.rawPayload());

        ErpTrade trade = ErpTradeMapping.map(noCreatedAt, TestSettings.DEFAULTS);

        assertThat(XmlRows.read(trade.masterXml(), "master").get(0)).containsEntry("CreateTime", "2025/3/20 16:58:12");
        assertThat(XmlRows.read(trade.detailXml(), "detail").get(0)).containsEntry("CreateTime", "2025/3/20 16:58:12");
    }

    @Test
    void anOrderNumberTooLongForOuterIdIsRefusedNotCut() {
        OrderPaid seed = seedPush();
        String orderNo = "1".repeat(33);
        OrderPaid longNo = new OrderPaid(seed.schemaVersion(), seed.eventId(), seed.occurredAt(), seed.mallId(),
                orderNo, seed.mallOrderId(), seed.payOrderNo(), seed.createdAt(), seed.paidAt(), seed.payType(),
                seed.supportPayTypes(), seed.wxPay(), seed.amounts(), seed.buyer(), seed.lines(), seed.remarks(),
                seed.distributor(), seed.rawPayload());

        assertThatThrownBy(() -> ErpTradeMapping.map(longNo, TestSettings.DEFAULTS))
                .isInstanceOf(MappingException.class)
                .hasMessage("order_no has 33 characters; the ERP's OuterID and TradeID are String(32)");
    }

    private static String payChannel(OrderPaid order) throws Exception {
        return XmlRows.read(ErpTradeMapping.map(order, TestSettings.DEFAULTS).payXml(), "pay").get(0).get("PayChannel");
    }

    static OrderPaid seedPush() {
        MallOrderPush push = Json.read(Seeds.mallOrderPush(), MallOrderPush.class);
        return OrderPaidMapping.toOrderPaid(push, Seeds.mallOrderPush(), Instant.parse("2025-03-20T08:58:13Z"));
    }

    private static List<OrderLine> withoutTimes(List<OrderLine> lines) {
        return lines.stream().map(l -> new OrderLine(l.lineId(), l.goodsId(), l.skuId(), l.goodsNo(), l.skuNo(),
                l.barCode(), l.name(), l.attributes(), l.quantity(), l.unitPrice(), l.originalTotal(), l.paidTotal(),
                l.memberDiscount(), null, l.backPrice())).toList();
    }

    private static OrderPaid withPay(OrderPaid o, int payType, int wxPay) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), payType, o.supportPayTypes(), wxPay, o.amounts(), o.buyer(),
                o.lines(), o.remarks(), o.distributor(), o.rawPayload());
    }

    private static OrderPaid withPaid(OrderPaid order, String paid, String backPrice) {
        OrderAmounts a = order.amounts();
        BigDecimal pay = new BigDecimal(paid);
        return copy(order, new OrderAmounts(a.totalPrice(), pay, pay.subtract(a.freight()), a.goodsOriginalPrice(),
                a.freight(), a.freightOriginal(), a.memberDiscount(), a.couponDiscount(), a.couponId(),
                a.pointsDeduction(), a.pointsUsed(), new BigDecimal(backPrice)));
    }

    /** The order behind the seed's example: three lines at 32.8, 36.8, 36.8, a 25 % member discount, paid 79.8. */
    static OrderPaid seedEquivalentOrder() {
        OffsetDateTime lineTime = shanghai("2020-03-23T15:54:20");
        List<OrderLine> lines = List.of(
                line(6646654848093933568L, "268E6E1D13754EE9878E31A6F7EB9C43", "32.80", "8.20", lineTime),
                line(6645888394863984640L, "3F303A1104AC4A80A438E306F8AFCCA3", "36.80", "9.20", lineTime),
                line(6645888392884273152L, "E580F5216E604C50A0D7472298FEEC60", "36.80", "9.20", lineTime));
        OrderAmounts amounts = new OrderAmounts(new BigDecimal("79.80"), new BigDecimal("79.80"),
                new BigDecimal("79.80"), new BigDecimal("106.40"), new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("26.60"), new BigDecimal("0.00"), 0, new BigDecimal("0.00"), 0,
                new BigDecimal("0.00"));
        Buyer buyer = new Buyer(1L, "未设置昵称", "15618937285", "山东 泰安 泰山区 泰安", 2L, "未设置昵称", "", "");
        return new OrderPaid(OrderPaid.SCHEMA_VERSION, OrderPaid.eventIdFor(222, "6647762366539116544"),
                Instant.parse("2020-03-23T07:55:16Z"), 222, "6647762366539116544", 1L, "6647762547544305664",
                shanghai("2020-03-23T15:54:17"), shanghai("2020-03-23T15:55:15"), 1, List.of("wxpay"), 1, amounts,
                buyer, lines, new Remarks("", "", ""), null, "{}");
    }

    private static OrderLine line(long goodsId, String skuNo, String original, String memberDiscount,
                                  OffsetDateTime at) {
        BigDecimal total = new BigDecimal(original);
        BigDecimal discount = new BigDecimal(memberDiscount);
        return new OrderLine(goodsId, goodsId, goodsId, "", skuNo, "", "", List.of(), 1, total, total,
                total.subtract(discount), discount, at);
    }

    private static OffsetDateTime shanghai(String local) {
        return LocalDateTime.parse(local).atZone(MallTime.ZONE).toOffsetDateTime();
    }

    /** The seed's master, except OuterID: the example leaves it empty, the mapping sends the mall order number. */
    private static List<Map<String, String>> seedMasterWithOuterId(String orderNo) throws Exception {
        List<Map<String, String>> rows = XmlRows.read(SEED_MASTER, "master");
        assertThat(rows.get(0).put("OuterID", orderNo)).isEmpty();
        return rows;
    }

    /** Same rows, same attributes in the same order, equal texts; decimals equal in value (the seed mixes scales). */
    private static void assertSameRows(List<Map<String, String>> actual, List<Map<String, String>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Map<String, String> a = actual.get(i);
            Map<String, String> e = expected.get(i);
            assertThat(new ArrayList<>(a.keySet())).as("attributes of row %d", i).isEqualTo(new ArrayList<>(e.keySet()));
            for (String name : e.keySet()) {
                if (DECIMALS.contains(name)) {
                    assertThat(new BigDecimal(a.get(name))).as(name).isEqualByComparingTo(new BigDecimal(e.get(name)));
                    if (!name.equals("GoodsNumber")) {
                        assertThat(a.get(name)).as(name + " has the seed's 4 places").matches("-?\\d+\\.\\d{4}");
                    }
                } else {
                    assertThat(a.get(name)).as(name).isEqualTo(e.get(name));
                }
            }
        }
    }

    static OrderPaid copy(OrderPaid o, OrderAmounts amounts) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), o.payType(), o.supportPayTypes(), o.wxPay(), amounts, o.buyer(),
                o.lines(), o.remarks(), o.distributor(), o.rawPayload());
    }

    private static OrderPaid withBuyer(OrderPaid o, Buyer buyer, Remarks remarks) {
        return new OrderPaid(o.schemaVersion(), o.eventId(), o.occurredAt(), o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), o.createdAt(), o.paidAt(), o.payType(), o.supportPayTypes(), o.wxPay(), o.amounts(), buyer,
                o.lines(), remarks, o.distributor(), o.rawPayload());
    }
}
