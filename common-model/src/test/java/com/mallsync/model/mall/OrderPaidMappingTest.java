package com.mallsync.model.mall;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;

class OrderPaidMappingTest {

    private final String seed = Seeds.mallOrderPush();
    private final Instant now = Instant.parse("2025-03-20T08:58:13Z");
    private final OrderPaid paid = OrderPaidMapping.toOrderPaid(Json.read(seed, MallOrderPush.class), seed, now);

    @Test
    void carriesIdsAndTimesOfTheSeedSampleInShanghaiTime() {
        assertThat(paid.mallId()).isEqualTo(222);
        assertThat(paid.orderNo()).isEqualTo("20250320165809904355");
        assertThat(paid.mallOrderId()).isEqualTo(338264L);
        assertThat(paid.payOrderNo()).isEqualTo("HM5d09e6d94181d719206d323914aa93");
        assertThat(paid.key()).isEqualTo("222:20250320165809904355");
        // "created_at": "2025-03-20 16:58:09", "pay_time": "2025-03-20 16:58:12", both Asia/Shanghai (+08:00)
        assertThat(paid.createdAt()).isEqualTo(OffsetDateTime.of(2025, 3, 20, 16, 58, 9, 0, ZoneOffset.ofHours(8)));
        assertThat(paid.paidAt()).isEqualTo(OffsetDateTime.of(2025, 3, 20, 16, 58, 12, 0, ZoneOffset.ofHours(8)));
        assertThat(paid.payType()).isEqualTo(3);
        assertThat(paid.supportPayTypes()).containsExactly("balance");
        // "is_wxpay": 0: the seed order was not paid with WeChat
        assertThat(paid.wxPay()).isZero();
        assertThat(paid.paidWithWeChat()).isFalse();
        assertThat(paid.occurredAt()).isEqualTo(now);
        assertThat(paid.rawPayload()).isEqualTo(seed);
    }

    @Test
    void carriesEveryMoneyFieldExactly() {
        var a = paid.amounts();
        assertThat(a.totalPrice()).isEqualTo(new BigDecimal("3.00"));
        assertThat(a.totalPayPrice()).isEqualTo(new BigDecimal("3.00"));
        assertThat(a.goodsPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(a.goodsOriginalPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(a.freight()).isEqualTo(new BigDecimal("2.00"));
        assertThat(a.freightOriginal()).isEqualTo(new BigDecimal("2.00"));
        assertThat(a.memberDiscount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(a.couponDiscount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(a.couponId()).isZero();
        assertThat(a.pointsDeduction()).isEqualTo(new BigDecimal("0.00"));
        assertThat(a.pointsUsed()).isZero();
        assertThat(a.backPrice()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void carriesTheLineWithSkuAttributesAndAmounts() {
        assertThat(paid.lines()).hasSize(1);
        OrderLine line = paid.lines().get(0);
        assertThat(line.lineId()).isEqualTo(496877L);
        assertThat(line.goodsId()).isEqualTo(182694L);
        assertThat(line.skuId()).isEqualTo(495703L);
        assertThat(line.goodsNo()).isEmpty();
        assertThat(line.skuNo()).isEmpty();
        assertThat(line.barCode()).isEmpty();
        assertThat(line.name()).isEqualTo("cce");
        assertThat(line.attributes()).containsExactly(new OrderLine.Attribute("颜色", "黑色"));
        assertThat(line.quantity()).isEqualTo(1);
        assertThat(line.unitPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(line.originalTotal()).isEqualTo(new BigDecimal("1.00"));
        assertThat(line.paidTotal()).isEqualTo(new BigDecimal("1.00"));
        assertThat(line.memberDiscount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(line.backPrice()).isEqualTo(new BigDecimal("0.00"));
        assertThat(line.createdAt()).isEqualTo(OffsetDateTime.of(2025, 3, 20, 16, 58, 9, 0, ZoneOffset.ofHours(8)));
        assertThat(paid.totalQuantity()).isEqualTo(1);
    }

    @Test
    void carriesBuyerAndDistributor() {
        assertThat(paid.buyer().userId()).isEqualTo(594847L);
        assertThat(paid.buyer().name()).isEqualTo("下单人姓名");
        assertThat(paid.buyer().mobile()).isEqualTo("下单人手机号");
        assertThat(paid.buyer().address()).isEqualTo("下单人地址");
        assertThat(paid.buyer().nickname()).isEqualTo("下单昵称");
        assertThat(paid.buyer().unionid()).isEqualTo("oAf8A5zrWv1er5MBGyw6Pv8c5neA");
        assertThat(paid.buyer().userMobile()).isEqualTo("下单人手机");
        assertThat(paid.distributor().nickname()).isEqualTo("上级分销商昵称");
    }

    @Test
    void theEventIdIsTheSameForEveryPushOfOneOrderAndDiffersBetweenOrders() {
        OrderPaid again = OrderPaidMapping.toOrderPaid(Json.read(seed, MallOrderPush.class), seed, now.plusSeconds(60));

        assertThat(again.eventId()).isEqualTo(paid.eventId());
        assertThat(OrderPaid.eventIdFor(222, "20250320165809904356")).isNotEqualTo(paid.eventId());
        assertThat(OrderPaid.eventIdFor(223, "20250320165809904355")).isNotEqualTo(paid.eventId());
    }

    @Test
    void theEventRoundTripsThroughJsonWithMoneyAsStrings() {
        String json = Json.writeString(paid);

        assertThat(Json.tree(json).get("amounts").get("totalPrice").isString()).isTrue();
        assertThat(Json.tree(json).get("amounts").get("totalPrice").asString()).isEqualTo("3.00");
        assertThat(Json.read(json, OrderPaid.class)).isEqualTo(paid);
    }

    @Test
    void toStringLeaksNoBuyerData() {
        OrderPaid withMobile = OrderPaidMapping.toOrderPaid(
                Json.read(seed.replace("\"mobile\": \"下单人手机号\"", "\"mobile\": \"13812345678\""), MallOrderPush.class),
                seed, now);

        assertThat(withMobile.buyer().mobile()).isEqualTo("13812345678");
        assertThat(withMobile.toString()).doesNotContain("13812345678").doesNotContain("下单人地址");
        assertThat(withMobile.buyer().toString()).doesNotContain("13812345678").contains("138****5678");
    }
}
