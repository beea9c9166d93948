package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.mallsync.membersync.TestOrders;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderPaid;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CrmOrderMappingTest {

    static final ShopChannel MALL222 = ShopChannel.of("MALL222");

    @Test
    void theSeedSampleMapsFieldByFieldToHandComputedValues() {
        CrmOrder o = CrmOrderMapping.toCrmOrder(TestOrders.seed(), MALL222);

        assertThat(o.shopCode()).isEqualTo("MALL222");                       // member-sync.shops.222.shop-code
        assertThat(o.code()).isEqualTo("20250320165809904355");               // "order_no"
        assertThat(o.originalCode()).isNull();                                // a sale, not a return
        assertThat(o.orderTime()).isEqualTo("2025-03-20 16:58:09");           // "created_at"
        assertThat(o.payTime()).isEqualTo("2025-03-20 16:58:12");             // "pay_time"
        assertThat(o.totalQty()).isEqualTo(1);                                // "num": 1
        assertThat(o.totalMoney()).isEqualByComparingTo("1.00");              // goods only: "total_goods_price": "1.00"
        assertThat(o.payAmount()).isEqualByComparingTo("1.00");               // "total_pay_price" 3.00 - "express_price" 2.00
        assertThat(o.discountMoney()).isEqualByComparingTo("0.00");           // 1.00 list - 1.00 sold
        assertThat(o.buyerCode()).isEqualTo("oAf8A5zrWv1er5MBGyw6Pv8c5neA");  // "unionid"
        assertThat(o.recvConsignee()).isEqualTo("下单人姓名");                   // "name"
        assertThat(o.recvMobile()).isEqualTo("下单人手机号");                    // "mobile"
        assertThat(o.recvTel()).isNull();                                     // the mall has no landline
        assertThat(o.recvAddress()).isEqualTo("下单人地址");                     // "address"
        assertThat(o.recvProvince()).isNull();                                // "下单人地址" names no province
        assertThat(o.recvCity()).isNull();
        assertThat(o.recvCounty()).isNull();
        assertThat(o.dataOrigin()).isEqualTo(1);                              // default, as the seed's sample "DataOrigin": 1
        assertThat(o.dtls()).hasSize(1);
        CrmOrder.Line d = o.dtls().get(0);
        assertThat(d.barCode()).isEqualTo("182694-495703");                   // bar_code, no, goods_no all "": goods_id-sku id
        assertThat(d.priceOriginal()).isEqualByComparingTo("1.00");           // "total_original_price" 1.00 / 1
        assertThat(d.priceSell()).isEqualByComparingTo("1.00");               // Amount 1.00 / 1
        assertThat(d.quantity()).isEqualTo(1);
        assertThat(d.amount()).isEqualByComparingTo("1.00");                  // "total_price" 1.00, no coupon, no points
        assertThat(d.discountMoney()).isEqualByComparingTo("0.00");
    }

    @Test
    void theSeedSampleWithFreightAsALineAddsAFreightRowAndPaysTheWholeAmount() {
        ShopChannel shop = new ShopChannel("MALL222", 1, FreightMode.LINE, "YF001", null, null);

        CrmOrder o = CrmOrderMapping.toCrmOrder(TestOrders.seed(), shop);

        assertThat(o.dtls()).hasSize(2);
        assertThat(o.dtls().get(1)).isEqualTo(new CrmOrder.Line("YF001", new BigDecimal("2.00"), new BigDecimal("2.00"), 1,
                new BigDecimal("2.00"), new BigDecimal("0.00")));
        assertThat(o.totalMoney()).isEqualByComparingTo("3.00");              // "total_price": "3.00"
        assertThat(o.payAmount()).isEqualByComparingTo("3.00");               // "total_pay_price": "3.00"
        assertThat(o.totalQty()).isEqualTo(2);
    }

    /**
     * Two lines as the mall pushes them: 2 × 10.00 list with a 2.00 member discount (18.00), and 1 × 10.00; coupon
     * 5.00 + points 1.00 = 6.00, which the mall already shared into the lines' total_price (6.00 × 18/28 = 3.86,
     * 6.00 × 10/28 = 2.14: total_price 14.14 and 7.86); total_goods_price 22.00, freight 8.00, paid 30.00.
     */
    static OrderPaid couponOrder(String goods, String paid, String backPrice) {
        OrderPaid base = TestOrders.withLines(TestOrders.seed(), l -> List.of(
                TestOrders.line(1, 11, "6901", 2, "10.00", "20.00", "14.14", "2.00"),
                TestOrders.line(2, 22, "6902", 1, "10.00", "10.00", "7.86", "0.00")));
        return TestOrders.withAmounts(base, new OrderAmounts(new BigDecimal("30.00"), new BigDecimal(paid),
                new BigDecimal(goods), new BigDecimal("30.00"), new BigDecimal("8.00"), new BigDecimal("8.00"),
                new BigDecimal("2.00"), new BigDecimal("5.00"), 7, new BigDecimal("1.00"), 100, new BigDecimal(backPrice)));
    }

    @Test
    void aLinesTotalPriceIsWhatTheBuyerPaidForItAndTheCouponIsNotTakenOffAgain() {
        CrmOrder o = CrmOrderMapping.toCrmOrder(couponOrder("22.00", "30.00", "0.00"), MALL222);

        assertThat(o.dtls()).containsExactly(
                new CrmOrder.Line("6901", new BigDecimal("10.00"), new BigDecimal("7.07"), 2, new BigDecimal("14.14"),
                        new BigDecimal("5.86")),                                  // 20.00 list - 14.14 paid
                new CrmOrder.Line("6902", new BigDecimal("10.00"), new BigDecimal("7.86"), 1, new BigDecimal("7.86"),
                        new BigDecimal("2.14")));
        assertThat(o.totalMoney()).isEqualByComparingTo("22.00");             // 14.14 + 7.86 = total_goods_price
        assertThat(o.discountMoney()).isEqualByComparingTo("8.00");           // 30.00 list - 22.00 paid
        assertThat(o.payAmount()).isEqualByComparingTo("22.00");              // 30.00 paid - 8.00 freight
        assertThat(o.totalQty()).isEqualTo(3);
        assertThat(CrmOrderRules.firstViolation(o, Instant.parse("2025-03-21T00:00:00Z"))).isEmpty();
    }

    @Test
    void anEditOfTheWholeOrderIsSharedOverTheRowsByLargestRemainder() {
        // the merchant took 3.00 off the whole order: back_price 3.00, total_goods_price 19.00, paid 27.00; the lines
        // keep 14.14 / 7.86. Edit = 22.00 + 8.00 - 27.00 = 3.00; 3.00 × 14.14/22 = 1.928, × 7.86/22 = 1.071:
        // floors 1.92 + 1.07 = 2.99, the cent to the larger remainder (.8 > .2): 1.93 / 1.07
        CrmOrder o = CrmOrderMapping.toCrmOrder(couponOrder("19.00", "27.00", "3.00"), MALL222);

        assertThat(o.dtls()).extracting(CrmOrder.Line::amount)
                .containsExactly(new BigDecimal("12.21"), new BigDecimal("6.79"));
        // PriceSell = 12.21 / 2 = 6.105 → 6.11 (half up): Amount stays exact, 2 × 6.11 = 12.22 is a cent off
        assertThat(o.dtls().get(0).priceSell()).isEqualByComparingTo("6.11");
        assertThat(o.totalMoney()).isEqualByComparingTo("19.00");
        assertThat(o.payAmount()).isEqualByComparingTo("19.00");              // 27.00 - 8.00
        assertThat(o.discountMoney()).isEqualByComparingTo("11.00");          // 7.79 + 3.21
    }

    @Test
    void aMarkUpThe2030DiscountCanAbsorbGoesThrough() {
        // 1 × 20.00 with a 5.00 member discount (15.00); the merchant added 1.00 to the order: back_price -1.00
        OrderPaid base = TestOrders.withLines(TestOrders.seed(), l -> List.of(
                TestOrders.line(1, 11, "6901", 1, "20.00", "20.00", "15.00", "5.00")));
        OrderPaid order = TestOrders.withAmounts(base, new OrderAmounts(new BigDecimal("15.00"), new BigDecimal("16.00"),
                new BigDecimal("16.00"), new BigDecimal("20.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("5.00"), BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, new BigDecimal("-1.00")));

        CrmOrder o = CrmOrderMapping.toCrmOrder(order, MALL222);

        assertThat(o.dtls().get(0).amount()).isEqualByComparingTo("16.00");
        assertThat(o.dtls().get(0).discountMoney()).isEqualByComparingTo("4.00");   // 20.00 - 16.00
        assertThat(CrmOrderRules.firstViolation(o, Instant.parse("2025-03-21T00:00:00Z"))).isEmpty();
    }

    @Test
    void aMarkUpAboveTheListPriceIsRefusedUnderTheDiscountRule() {
        // 1 × 10.00 at list; the merchant added 2.00 to the order: back_price -2.00, paid 12.00
        OrderPaid base = TestOrders.withLines(TestOrders.seed(), l -> List.of(
                TestOrders.line(1, 11, "6901", 1, "10.00", "10.00", "10.00", "0.00")));
        OrderPaid order = TestOrders.withAmounts(base, new OrderAmounts(new BigDecimal("10.00"), new BigDecimal("12.00"),
                new BigDecimal("12.00"), new BigDecimal("10.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, new BigDecimal("-2.00")));

        CrmOrder o = CrmOrderMapping.toCrmOrder(order, MALL222);

        assertThat(o.dtls().get(0).amount()).isEqualByComparingTo("12.00");
        assertThat(CrmOrderRules.firstViolation(o, Instant.parse("2025-03-21T00:00:00Z")))
                .hasValue("1.4 DiscountMoney不能小于0: DiscountMoney=-2.00 (the buyer paid more than the list price: "
                        + "a mark-up 2030 cannot carry)");
    }

    @Test
    void anOrderPaidBelowItsFreightIsRefusedNamingTheMallsFields() {
        OrderPaid seed = TestOrders.seed();
        OrderAmounts a = seed.amounts();
        OrderPaid order = TestOrders.withAmounts(seed, new OrderAmounts(a.totalPrice(), new BigDecimal("1.00"),
                a.goodsPrice(), a.goodsOriginalPrice(), a.freight(), a.freightOriginal(), a.memberDiscount(),
                a.couponDiscount(), a.couponId(), a.pointsDeduction(), a.pointsUsed(), a.backPrice()));

        assertThat(CrmOrderMapping.map(order, MALL222)).isEqualTo(new CrmMapping.Refused("mall money: total_pay_price "
                + "1.00 is below express_price 2.00: the goods would have been paid less than nothing"));
    }

    @Test
    void overLongFreeTextIsCutAndAnOverLongMobileLeftOut() {
        var b = TestOrders.seed().buyer();
        OrderPaid order = TestOrders.withBuyer(TestOrders.seed(), new Buyer(b.userId(),
                "名".repeat(40), "1".repeat(17), "址".repeat(130), b.addressId(), b.nickname(), b.unionid(),
                b.userMobile()));

        CrmOrder o = CrmOrderMapping.toCrmOrder(order, MALL222);

        assertThat(o.recvConsignee()).isEqualTo("名".repeat(32));
        assertThat(o.recvAddress()).isEqualTo("址".repeat(128));
        assertThat(o.recvMobile()).isNull();
        assertThat(CrmOrderRules.firstViolation(o, Instant.parse("2025-03-21T00:00:00Z"))).isEmpty();
    }

    @Test
    void barCodeAndBuyerCodeFollowTheShopsOrderOfPreference() {
        ShopChannel shop = new ShopChannel("S", 1, null, null, List.of(BarCodeSource.GOODS_NO), List.of(BuyerCodeSource.USER_ID));

        CrmOrder o = CrmOrderMapping.toCrmOrder(TestOrders.seed(), shop);

        assertThat(o.buyerCode()).isEqualTo("594847");                        // "user_id": 594847
        assertThat(o.dtls().get(0).barCode()).isNull();                       // "goods_no": "" → nothing → rule refuses it
    }

    @Test
    void writesTheSeedsJsonShapeWithMoneyAsNumbers() {
        JsonNode json = JsonMapper.builder().build().valueToTree(CrmOrderMapping.toCrmOrder(TestOrders.seed(), MALL222));

        assertThat(json.get("TotalMoney").isNumber()).isTrue();
        assertThat(json.get("TotalMoney").toString()).isEqualTo("1.00");
        assertThat(json.get("Dtls").get(0).get("BarCode").stringValue()).isEqualTo("182694-495703");
        assertThat(json.has("RecvTel")).as("empty optional fields are left out").isFalse();
    }
}
