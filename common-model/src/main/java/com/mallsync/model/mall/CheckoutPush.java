package com.mallsync.model.mall;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import com.mallsync.model.Json;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.Remarks;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link MallCheckout} written into a copy of a push template (the seed's sample), so demo and test orders
 * carry every field the mall sends, then read back as ingest reads a push.
 */
public final class CheckoutPush {

    private CheckoutPush() {
    }

    /**
     * @param template a push with at least one {@code detail} line (the seed's sample); it is not changed
     * @return a copy with one line per checkout line (copies of the template's first, distinct ids) and the
     *         checkout's money and payment fields
     */
    public static ObjectNode push(ObjectNode template, MallCheckout checkout, long mallId, String orderNo) {
        ObjectNode push = template.deepCopy();
        push.put("mall_id", mallId);
        push.put("order_no", orderNo);
        ObjectNode first = (ObjectNode) template.get("detail").get(0);
        ArrayNode detail = push.putArray("detail");
        for (int i = 0; i < checkout.lines().size(); i++) {
            ObjectNode line = first.deepCopy();
            line.put("id", first.path("id").asLong() * 10 + i);
            line.put("goods_id", first.path("goods_id").asLong() + i);
            detail.add(line);
        }
        checkout.writeInto(push);
        return push;
    }

    /** The push read as ingest reads it ({@link OrderPaidMapping}). */
    public static OrderPaid orderPaid(ObjectNode push) {
        String raw = Json.writeString(push);
        return OrderPaidMapping.toOrderPaid(Json.mapper().treeToValue(push, MallOrderPush.class), raw,
                Instant.EPOCH);
    }

    /**
     * The same order as {@link #orderPaid(ObjectNode)} would read from {@link #push}, built directly (property tests
     * over 100,000 orders cannot afford a JSON round trip each): the seed's buyer and times, one goods id per line.
     */
    public static OrderPaid orderPaid(MallCheckout c, long mallId, String orderNo, OffsetDateTime paidAt) {
        OrderAmounts amounts = new OrderAmounts(c.totalPrice(), c.totalPayPrice(), c.totalGoodsPrice(),
                c.totalGoodsOriginalPrice(), c.express(), c.expressOriginal(), c.memberDiscount(), c.coupon(),
                c.couponId(), c.pointsMoney(), c.points(), c.backPrice());
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < c.lines().size(); i++) {
            MallCheckout.Line l = c.lines().get(i);
            lines.add(new OrderLine(496_877L + i, 182_694L + i, 495_703L + i, "", "", "69" + (12_345_000L + i), "cce",
                    List.of(new OrderLine.Attribute("颜色", "黑色")), l.num(), l.unitPrice(), l.totalOriginalPrice(),
                    l.totalPrice(), l.memberDiscount(), paidAt.minusSeconds(3), l.backPrice()));
        }
        return new OrderPaid(OrderPaid.SCHEMA_VERSION, OrderPaid.eventIdFor(mallId, orderNo), paidAt.toInstant(),
                mallId, orderNo, 338_264L, "HM5d09e6d94181d719206d323914aa93", paidAt.minusSeconds(3), paidAt,
                c.payType(), EmbeddedJson.stringList(c.supportPayTypes()), c.wxPay(), amounts,
                new Buyer(594_847L, "下单人姓名", "13800000000", "山东省 泰安市 泰山区 中山路1号", 91_085L, "下单昵称",
                        "oAf8A5zrWv1er5MBGyw6Pv8c5neA", "13800000000"),
                lines, new Remarks("", "", ""), null, "");
    }

    /** Random goods for a checkout: 1 to 10 lines (about half with one), prices 1.00 to 399.99, mostly 1 each. */
    public static List<MallCheckout.Item> randomItems(Random random) {
        int roll = random.nextInt(100);
        int n = roll < 45 ? 1 : roll < 70 ? 2 : roll < 85 ? 3 : 4 + random.nextInt(7);
        return IntStream.range(0, n).mapToObj(i -> new MallCheckout.Item(
                BigDecimal.valueOf(100 + random.nextInt(39_900)).movePointLeft(2),
                random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(4))).toList();
    }
}
