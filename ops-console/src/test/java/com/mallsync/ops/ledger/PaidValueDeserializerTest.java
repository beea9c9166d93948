package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;

class PaidValueDeserializerTest {

    private static final List<String> VALUES = List.of(
            "{\"event\":\"REFUNDED\",\"line\":4711}",
            "{\"orderNo\":\"x\",\"detail\":[{\"line\":1,\"event\":\"CANCELLED\"}],\"event\":\"REFUNDED\",\"line\":3}",
            "{\"line\":2.9,\"event\":\"REFUNDED\"}",
            "{\"line\":2.0,\"event\":\"REFUNDED\"}",
            "{\"line\":-1e300,\"event\":\"REFUNDED\"}",
            "{\"line\":\"5\",\"event\":\"REFUNDED\"}",
            "{\"line\":123456789012345678901234567890,\"event\":\"REFUNDED\"}",
            "{\"event\":\"NOT_AN_EVENT\",\"line\":1}",
            "{\"event\":7}",
            "{\"schemaVersion\":1,\"orderNo\":\"x\"}",
            "{}",
            "[1,2]",
            "not json",
            "{\"event\":\"REFUNDED\",\"line\":1",
            "");

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDigestTellsTheSameEventAndLineAsTheWholeValue() {
        for (String value : VALUES) {
            for (String ceType : new String[] {null, OrderEvent.REFUNDED.ceType(), "something.else"}) {
                assertThat(EventRef.ofRecord(ceType, PaidValueDeserializer.digest(bytes(value))))
                        .as("%s with ce_type %s", value, ceType)
                        .isEqualTo(EventRef.ofRecord(ceType, value));
            }
        }
    }

    @Test
    void aPaidRecordOfAnotherEventThanARefundIsNotReadAtAll() {
        PaidValueDeserializer values = new PaidValueDeserializer();
        RecordHeaders confirmed = new RecordHeaders();
        confirmed.add(CloudEvents.TYPE, bytes(OrderEvent.CONFIRMED.ceType()));
        RecordHeaders refunded = new RecordHeaders();
        refunded.add(CloudEvents.TYPE, bytes(OrderEvent.REFUNDED.ceType()));
        byte[] value = bytes("{\"orderNo\":\"x\",\"event\":\"REFUNDED\",\"line\":8,\"detail\":[{\"line\":1}]}");

        assertThat(values.deserialize(Topics.ORDERS_PAID, confirmed, value)).isNull();
        assertThat(values.deserialize(Topics.ORDERS_PAID, refunded, value))
                .isEqualTo("{\"event\":\"REFUNDED\",\"line\":8}");
        assertThat(values.deserialize(Topics.ORDERS_OUTCOMES, refunded, value)).isEqualTo(new String(value,
                StandardCharsets.UTF_8));
    }
}
