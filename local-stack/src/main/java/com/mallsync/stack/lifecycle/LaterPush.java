package com.mallsync.stack.lifecycle;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.mallsync.model.MallTime;

/**
 * A later push of an order as the mall sends it: the whole paid push again, with the fields that say what happened
 * since (MALL-FIELDS.md, "Payment and state") and {@code updated_at} moved to the moment of the change. Unsigned:
 * the caller signs it like the first push.
 */
public final class LaterPush {

    private LaterPush() {
    }

    /**
     * @param paidPush the order's first (paid) push, unsigned; not changed
     * @param state    what the push shows
     * @param at       when the change happened (the push is sent then)
     */
    public static ObjectNode of(ObjectNode paidPush, OrderState state, ZonedDateTime at) {
        ObjectNode push = paidPush.deepCopy();
        if (state.equals(OrderState.PAID)) {
            return push;
        }
        String now = MallTime.FORMAT.format(at);
        push.put("updated_at", now);
        if (state.confirmed()) {
            // receipt is confirmed after the goods were sent
            push.put("is_send", 1);
            push.put("send_time", MallTime.FORMAT.format(at.minusHours(1)));
            push.put("is_confirm", 1);
            push.put("confirm_time", now);
        }
        if (state.cancelled()) {
            push.put("cancel_status", 1);
            push.put("cancel_time", now);
        }
        if (!state.refundedLines().isEmpty()) {
            push.put("sale_status", 1);
            for (JsonNode line : push.get("detail")) {
                if (state.refundedLines().contains(line.get("id").asLong())) {
                    ((ObjectNode) line).put("is_refund", 1);
                    ((ObjectNode) line).put("refund_status", 2);
                }
            }
        }
        return push;
    }

    /** The {@code detail[].id} of each line of a push, in detail order. */
    public static List<Long> lineIds(ObjectNode push) {
        List<Long> ids = new ArrayList<>();
        push.get("detail").forEach(line -> ids.add(line.get("id").asLong()));
        return ids;
    }
}
