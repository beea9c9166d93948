package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.util.List;

import com.mallsync.membersync.TestOrders;
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

    @Test
    void orderLevelDiscountsAreSharedOverTheLinesToTheCent() {
        // two lines: 2 × 10.00 list, 18.00 after a 2.00 member discount; 1 × 10.00; coupon 5.00 + points 1.00 = 6.00,
        // freight 8.00, paid 30.00. 6.00 over weights 18 : 10 = 3.857… : 2.142… → 3.86 / 2.14 (largest remainder).
        OrderPaid base = TestOrders.withLines(TestOrders.seed(), l -> List.of(
                TestOrders.line(1, 11, "6901", 2, "10.00", "20.00", "18.00", "2.00"),
                TestOrders.line(2, 22, "6902", 1, "10.00", "10.00", "10.00", "0.00")));
        OrderPaid order = TestOrders.withAmounts(base, new OrderAmounts(new BigDecimal("30.00"), new BigDecimal("30.00"),
                new BigDecimal("28.00"), new BigDecimal("30.00"), new BigDecimal("8.00"), new BigDecimal("8.00"),
                new BigDecimal("2.00"), new BigDecimal("5.00"), 7, new BigDecimal("1.00"), 100, BigDecimal.ZERO));

        CrmOrder o = CrmOrderMapping.toCrmOrder(order, MALL222);

        assertThat(o.dtls()).containsExactly(
                new CrmOrder.Line("6901", new BigDecimal("10.00"), new BigDecimal("7.07"), 2, new BigDecimal("14.14"),
                        new BigDecimal("5.86")),
                new CrmOrder.Line("6902", new BigDecimal("10.00"), new BigDecimal("7.86"), 1, new BigDecimal("7.86"),
                        new BigDecimal("2.14")));
        assertThat(o.totalMoney()).isEqualByComparingTo("22.00");             // 14.14 + 7.86
        assertThat(o.discountMoney()).isEqualByComparingTo("8.00");           // 30.00 list - 22.00 sold
        assertThat(o.payAmount()).isEqualByComparingTo("22.00");              // 30.00 paid - 8.00 freight
        assertThat(o.totalQty()).isEqualTo(3);
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
