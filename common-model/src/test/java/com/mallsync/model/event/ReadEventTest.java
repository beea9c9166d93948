package com.mallsync.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Seeds;

/**
 * {@link Json#readEvent}, what the consumers read {@code orders.paid.v1} with: the same event as {@link Json#read}
 * gives, field for field, but the push as received ({@code rawPayload}), which it skips unread.
 */
class ReadEventTest {

    private final String seed = Seeds.mallOrderPush();
    private final OrderPaid paid = OrderPaidMapping.toOrderPaid(Json.read(seed, MallOrderPush.class), seed,
            Instant.parse("2026-12-04T10:00:00Z"));

    @Test
    void everyFieldButTheRawPushReadsAsTheFullReaderReadsIt() {
        for (OrderPaid event : new OrderPaid[] {paid, paid.as(OrderEvent.CONFIRMED, null),
                paid.as(OrderEvent.REFUNDED, paid.lines().get(0).lineId())}) {
            String value = Json.writeString(event);
            OrderPaid full = Json.read(value, OrderPaid.class);
            OrderPaid read = Json.readEvent(value);

            assertThat(full.rawPayload()).isEqualTo(seed);
            assertThat(read.rawPayload()).isNull();
            assertThat(read).usingRecursiveComparison().ignoringFields("rawPayload").isEqualTo(full);
            assertThat(read.event()).isEqualTo(event.event());
            assertThat(read.eventId()).isEqualTo(event.eventId());
        }
    }

    @Test
    void aRecordWithoutARawPushReadsTheSame() {
        String value = Json.writeString(paid).replace("\"rawPayload\":", "\"ignored\":");
        assertThat(Json.readEvent(value)).usingRecursiveComparison().ignoringFields("rawPayload")
                .isEqualTo(Json.read(value, OrderPaid.class));
    }
}
