package com.mallsync.ops.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;

/**
 * The ledger reader's value deserializer: an {@code orders.paid.v1} value (about 5.6 KB of order JSON) is read only as
 * far as {@link EventRef#ofRecord} needs it, without building a String or a tree of it: nothing when its
 * {@code ce_type} names an event other than REFUNDED (the value is not looked at), else one streaming pass over the
 * bytes that keeps the top-level {@code event} and {@code line} and answers them as a small JSON object
 * ({@link #digest}). Other topics' values are read whole, as text.
 */
final class PaidValueDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(String topic, Headers headers, byte[] data) {
        if (!Topics.ORDERS_PAID.equals(topic) || data == null) {
            return deserialize(topic, data);
        }
        Header type = headers.lastHeader(CloudEvents.TYPE);
        Optional<OrderEvent> typed = type == null || type.value() == null ? Optional.empty()
                : OrderEvent.ofCeType(new String(type.value(), StandardCharsets.UTF_8));
        if (typed.isPresent() && typed.get() != OrderEvent.REFUNDED) {
            return null;
        }
        return digest(data);
    }

    /**
     * The value's top-level {@code event} (when it names an event) and {@code line} (when it is a number, as a whole
     * number) as {@code {"event":…,"line":…}}; {@code "{}"} without either, {@code ""} (not JSON) when the value is
     * not a JSON object: what {@link EventRef#ofRecord} reads from the whole value, in one pass over it.
     */
    static String digest(byte[] value) {
        String event = null;
        Long line = null;
        try (JsonParser parser = Json.mapper().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken next = parser.nextToken();
                if ("event".equals(name)) {
                    event = next == JsonToken.VALUE_STRING ? parser.getString() : null;
                } else if ("line".equals(name)) {
                    line = asLong(parser, next);
                }
                parser.skipChildren();
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return "";
            }
        } catch (JacksonException e) {
            return "";
        }
        StringBuilder digest = new StringBuilder("{");
        if (event != null && knownEvent(event)) {
            digest.append("\"event\":\"").append(event).append('"');
        }
        if (line != null) {
            digest.append(digest.length() > 1 ? "," : "").append("\"line\":").append(line);
        }
        return digest.append('}').toString();
    }

    /** As a tree's {@code canConvertToLong} / {@code asLong}: a whole number in range (2.0 too), else none. */
    private static Long asLong(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            return d == Math.rint(d) && d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? (long) d : null;
        }
        return null;
    }

    private static boolean knownEvent(String event) {
        for (OrderEvent e : OrderEvent.values()) {
            if (e.name().equals(event)) {
                return true;
            }
        }
        return false;
    }
}
