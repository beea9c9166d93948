package com.mallsync.ingest.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.ingest.dedupe.Fact;
import com.mallsync.model.MallTime;
import com.mallsync.model.event.OrderEvent;
import tools.jackson.databind.JsonNode;

/**
 * The later facts an unpaid push ({@code is_pay} 0) shows, read leniently from the tree: such a push is ignored
 * before its fields are judged, so nothing here may refuse it. Only reported (as contradictions), never published.
 * MALL-FIELDS.md: confirmed is {@code is_confirm} 1, cancelled {@code cancel_status} 1, a line refunded
 * {@code is_refund} 1 and {@code refund_status} 2.
 */
final class UnpaidPush {

    private UnpaidPush() {
    }

    static List<Fact> facts(JsonNode push) {
        List<Fact> facts = new ArrayList<>();
        if (is(push.get("is_confirm"), 1)) {
            facts.add(Fact.CONFIRMED);
        }
        JsonNode detail = push.get("detail");
        if (detail != null && detail.isArray()) {
            for (JsonNode line : detail) {
                if (line.isObject() && is(line.get("is_refund"), 1) && is(line.get("refund_status"), 2)) {
                    JsonNode id = line.get("id");
                    Long lineId = id != null && id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : null;
                    facts.add(Fact.of(OrderEvent.REFUNDED, lineId));
                }
            }
        }
        if (is(push.get("cancel_status"), 1)) {
            facts.add(Fact.CANCELLED);
        }
        return facts;
    }

    /** Its {@code updated_at}, or {@code null} when absent or not a mall time. */
    static Instant updatedAt(JsonNode push) {
        JsonNode node = push.get("updated_at");
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return MallTime.parse(node.stringValue()).map(OffsetDateTime::toInstant).orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean is(JsonNode node, int value) {
        if (node == null) {
            return false;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() && node.intValue() == value;
        }
        return node.isString() && node.stringValue().trim().equals(Integer.toString(value));
    }
}
