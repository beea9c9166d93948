package com.mallsync.membersync;

import java.util.LinkedHashMap;
import java.util.Map;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Poison records for {@code orders.paid.v1}: values that parse but cannot be mapped, and values that are not an
 * OrderPaid at all. Built by blanking fields of a valid order's JSON tree, so they follow the model as it changes.
 */
public final class MemberSyncPoison {

    private MemberSyncPoison() {
    }

    /** Kind → record value (null: a tombstone), each meant for its own order key. */
    public static Map<String, String> values(OrderPaid valid) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("null amounts", edit(valid, o -> o.putNull("amounts")));
        values.put("every amount null", edit(valid, o -> blank((ObjectNode) o.get("amounts"))));
        values.put("a line with every field null", edit(valid, o -> blank((ObjectNode) o.get("lines").get(0))));
        values.put("null lines", edit(valid, o -> o.putNull("lines")));
        values.put("not JSON", "this is not json {");
        values.put("wrong shape", "{\"hello\":\"world\"}");
        values.put("a JSON array", "[1,2,3]");
        values.put("a null value", null);
        return values;
    }

    /** Whether this value still parses as an OrderPaid with an eventId (then its outcome carries that id). */
    public static boolean parses(String value) {
        try {
            OrderPaid order = value == null ? null : Json.read(value, OrderPaid.class);
            return order != null && order.eventId() != null && order.orderNo() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String edit(OrderPaid valid, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) Json.tree(Json.writeString(valid));
        change.accept(tree);
        return tree.toString();
    }

    private static void blank(ObjectNode node) {
        for (String name : node.propertyNames()) {
            JsonNode value = node.get(name);
            if (value.isValueNode()) {
                node.putNull(name);
            }
        }
    }
}
