package com.mallsync.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import com.mallsync.model.event.OrderPaid;

/**
 * The one JSON set-up every module uses, so that an event written by one service reads the same in another.
 *
 * <ul>
 *   <li>Money ({@link BigDecimal}) is written as a JSON string with its scale kept ({@code "3.00"}), never as a
 *       binary float; it reads back from strings or numbers.</li>
 *   <li>Unknown properties are ignored: an older consumer reads a newer event.</li>
 *   <li>Times are ISO-8601 strings with their offset kept.</li>
 * </ul>
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("money-as-string").addSerializer(BigDecimal.class, new MoneySerializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /**
     * {@link #MAPPER}, reading an {@link OrderPaid} without its {@code rawPayload}: the push as received (about half
     * of each record) is for replaying a mapping fixed later, and no consumer maps from it. Skipped by the parser
     * unread, so it costs neither the String nor the memory of an order held in a batch ({@link #readEvent}).
     */
    private static final JsonMapper EVENTS = MAPPER.rebuild().addMixIn(OrderPaid.class, WithoutRawPayload.class)
            .build();

    @JsonIgnoreProperties("rawPayload")
    private abstract static class WithoutRawPayload {
    }

    private Json() {
    }

    /**
     * A record of {@code orders.paid.v1} as the consumers read it: every field but {@link OrderPaid#rawPayload},
     * which is {@code null} (measured by common-model's {@code OrderPaidReadProbe}).
     */
    public static OrderPaid readEvent(String json) {
        return EVENTS.readValue(json, OrderPaid.class);
    }

    /** The shared, immutable and thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    private static final class MoneySerializer extends StdSerializer<BigDecimal> {
        MoneySerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(value.toPlainString());
        }
    }
}
