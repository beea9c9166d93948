package com.mallsync.model.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OrderMoneyTest {

    private static OrderMoney money(ObjectNode push) {
        MoneyReading reading = OrderMoney.read(MallOrders.read(push));
        assertThat(reading).isInstanceOf(MoneyReading.Read.class);
        return ((MoneyReading.Read) reading).money();
    }

    private static List<BigDecimal> paid(OrderMoney m) {
        return m.lines().stream().map(LineMoney::paid).toList();
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    /**
     * Two lines: 100.00 with member discount 10.00 and 50.00; a coupon of 13.00 the mall shared over the prices
     * after member discount (90 : 50 → 8.36 + 4.64), so the lines' total_price are 81.64 and 45.36; freight 8.00.
     */
    private static ObjectNode couponOrder(String totalPay) {
        ObjectNode push = MallOrders.push(2);
        MallOrders.line(push, 0, 1, "100.00", "10.00", "81.64");
        MallOrders.line(push, 1, 2, "50.00", "0.00", "45.36");
        push.put("member_discount_price", "10.00");
        push.put("coupon_discount_price", "13.00");
        push.put("express_original_price", "8.00");
        push.put("express_price", "8.00");
        push.put("total_pay_price", totalPay);
        return push;
    }

    @Test
    void theSeedOrderPaysItsOneLineAndTheFreight() {
        OrderMoney m = money(MallOrders.SEED.deepCopy());
        // "total_pay_price": "3.00" = line "total_price": "1.00" + "express_price": "2.00"
        assertThat(paid(m)).containsExactly(d("1.00"));
        assertThat(m.goodsPaid()).isEqualByComparingTo("1.00");
        assertThat(m.freight()).isEqualByComparingTo("2.00");
        assertThat(m.orderEdit()).isEqualByComparingTo("0.00");
        assertThat(m.hasMarkUp()).isFalse();
    }

    @Test
    void aLinesTotalPriceIsAlreadyNetOfItsCouponShareAndIsNotReducedAgain() {
        OrderMoney m = money(couponOrder("135.00"));
        // 81.64 + 45.36 + 8.00 = 135.00: no order-level edit, the lines are what was paid
        assertThat(paid(m)).containsExactly(d("81.64"), d("45.36"));
        assertThat(m.orderEdit()).isEqualByComparingTo("0.00");
        // shared = original - member - total_price: 100 - 10 - 81.64 = 8.36, 50 - 0 - 45.36 = 4.64; the coupon
        // 13.00 shared over those is exactly them, and nothing else is left
        assertThat(m.lines()).extracting(LineMoney::couponAndPointsShare).containsExactly(d("8.36"), d("4.64"));
        assertThat(m.lines()).extracting(LineMoney::otherDiscount).containsExactly(d("0.00"), d("0.00"));
        assertThat(m.lines()).extracting(LineMoney::discount).containsExactly(d("18.36"), d("4.64"));
    }

    @Test
    void anEditOfTheWholeOrderLowersTheLinesByLargestRemainder() {
        OrderMoney m = money(couponOrder("125.00"));
        // edit = 81.64 + 45.36 + 8.00 - 125.00 = 10.00; 10.00 × 81.64 / 127 = 6.4283, × 45.36 / 127 = 3.5716:
        // floors 6.42 + 3.57 = 9.99, the cent goes to the larger remainder (.83 > .16): 6.43 and 3.57
        assertThat(m.orderEdit()).isEqualByComparingTo("10.00");
        assertThat(m.lines()).extracting(LineMoney::orderEditShare).containsExactly(d("6.43"), d("3.57"));
        assertThat(paid(m)).containsExactly(d("75.21"), d("41.79"));
        assertThat(m.goodsPaid()).isEqualByComparingTo("117.00");
        assertThat(m.lines()).extracting(LineMoney::otherDiscount).containsExactly(d("6.43"), d("3.57"));
    }

    @Test
    void aMarkUpOfTheWholeOrderRaisesTheLines() {
        OrderMoney m = money(couponOrder("137.00"));
        // edit = 127.00 + 8.00 - 137.00 = -2.00; 2.00 × 81.64 / 127 = 1.2857, × 45.36 / 127 = 0.7143 → 1.29, 0.71
        assertThat(m.orderEdit()).isEqualByComparingTo("-2.00");
        assertThat(paid(m)).containsExactly(d("82.93"), d("46.07"));
        assertThat(m.goodsPaid()).isEqualByComparingTo("129.00");
        assertThat(m.hasMarkUp()).isTrue();
        assertThat(m.lines()).noneMatch(LineMoney::markedUpOverall);
    }

    @Test
    void aMemberMarkUpRaisesTheLineAboveItsListPrice() {
        ObjectNode push = MallOrders.push(1);
        MallOrders.line(push, 0, 2, "20.00", "-2.00", "22.00");
        push.put("member_discount_price", "-2.00");
        push.put("express_price", "0.00");
        push.put("total_pay_price", "22.00");
        OrderMoney m = money(push);
        assertThat(paid(m)).containsExactly(d("22.00"));
        assertThat(m.lines().get(0).discount()).isEqualByComparingTo("-2.00");
        assertThat(m.lines().get(0).markedUpOverall()).isTrue();
        assertThat(m.hasMarkUp()).isTrue();
    }

    @Test
    void aMerchantsLineEditIsInTheLinesTotalPriceAndNotARefund() {
        ObjectNode push = MallOrders.push(1);
        MallOrders.line(push, 0, 1, "30.00", "0.00", "25.00");
        ((ObjectNode) push.get("detail").get(0)).put("back_price", "5.00");
        push.put("back_price", "5.00");
        push.put("express_price", "0.00");
        push.put("total_pay_price", "25.00");
        OrderMoney m = money(push);
        // shared = 30 - 0 - 25 - 5 = 0: the 5.00 off is the edit, which lands in otherDiscount
        assertThat(m.lines().get(0).sharedDiscounts()).isEqualByComparingTo("0.00");
        assertThat(m.lines().get(0).otherDiscount()).isEqualByComparingTo("5.00");
        assertThat(paid(m)).containsExactly(d("25.00"));
    }

    @Test
    void anOrderPaidBelowItsFreightCannotBeRead() {
        ObjectNode push = MallOrders.SEED.deepCopy();
        push.put("total_pay_price", "1.50");
        OrderPaid order = MallOrders.read(push);
        assertThat(OrderMoney.read(order)).isEqualTo(new MoneyReading.Unreadable(
                "total_pay_price 1.50 is below express_price 2.00: the goods would have been paid less than nothing"));
    }

    @Test
    void aRecordWithoutWhatTheBuyerPaidOrALinesTotalsIsNotReadAsASaleOfNothing() throws Exception {
        ObjectNode written = (ObjectNode) Json.tree(Json.writeString(MallOrders.read(MallOrders.SEED.deepCopy())));
        ((ObjectNode) written.get("amounts")).putNull("totalPayPrice");
        assertThat(OrderMoney.read(Json.mapper().treeToValue(written, OrderPaid.class)))
                .isEqualTo(new MoneyReading.Unreadable("total_pay_price is missing"));

        written = (ObjectNode) Json.tree(Json.writeString(MallOrders.read(MallOrders.SEED.deepCopy())));
        ((ObjectNode) written.get("lines").get(0)).putNull("paidTotal");
        assertThat(OrderMoney.read(Json.mapper().treeToValue(written, OrderPaid.class)))
                .isEqualTo(new MoneyReading.Unreadable("detail[0].total_price is missing"));
    }
}
