package com.mallsync.ingest.journal;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The order key ({@code mallId:orderNo}) a push names, read with a streaming parser from its top-level
 * {@code mall_id} and {@code order_no}, stopping as soon as both are found: cheap, and tolerant of a body that is
 * cut off or broken after them. {@code null} when the push names no order (nothing to journal it under).
 */
final class PushKeys {

    private static final int MAX_ORDER_NO = 64;

    private PushKeys() {
    }

    static String key(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String mallId = null;
        String orderNo = null;
        try (JsonParser parser = Json.mapper().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else if ("mall_id".equals(name) && mallId == null) {
                    mallId = scalar(parser, value);
                } else if ("order_no".equals(name) && orderNo == null) {
                    orderNo = scalar(parser, value);
                }
                if (mallId != null && orderNo != null) {
                    break;
                }
            }
        } catch (JacksonException e) {
            // cut off or malformed: whatever was found before it counts
        }
        if (mallId == null || orderNo == null || orderNo.isEmpty() || orderNo.length() > MAX_ORDER_NO
                || mallId.length() > 18 || !mallId.chars().allMatch(Character::isDigit) || orderNo.chars().anyMatch(c -> c <= ' ')) {
            return null;
        }
        return Topics.orderKey(Long.parseLong(mallId), orderNo);
    }

    private static String scalar(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT ? parser.getString() : null;
    }
}
