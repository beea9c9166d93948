package com.mallsync.model.money;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.testsupport.Seeds;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Hand-written mall orders: the seed push with its money fields set as a test says. */
final class MallOrders {

    static final ObjectNode SEED = (ObjectNode) Json.tree(Seeds.mallOrderPush());

    private MallOrders() {
    }

    /** The seed with {@code lines} copies of its line. */
    static ObjectNode push(int lines) {
        ObjectNode push = SEED.deepCopy();
        ObjectNode first = (ObjectNode) SEED.get("detail").get(0);
        ArrayNode detail = push.putArray("detail");
        for (int i = 0; i < lines; i++) {
            ObjectNode line = first.deepCopy();
            line.put("id", 1000 + i);
            detail.add(line);
        }
        return push;
    }

    /** Sets a line's {@code num}, {@code total_original_price}, {@code member_discount_price}, {@code total_price}. */
    static void line(ObjectNode push, int i, int num, String original, String member, String total) {
        ObjectNode line = (ObjectNode) push.get("detail").get(i);
        line.put("num", num);
        line.put("total_original_price", original);
        line.put("member_discount_price", member);
        line.put("total_price", total);
    }

    static OrderPaid read(ObjectNode push) {
        return CheckoutPush.orderPaid(push);
    }
}
