package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.mallsync.membersync.Poison;
import com.mallsync.membersync.TestOrders;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;

/** No record makes the intake throw: what cannot be sent comes back refused, with a reason. */
class OrderIntakeTest {

    private final OrderIntake intake = new OrderIntake(Map.of(222L, ShopChannel.of("MALL222")), Clock.systemUTC());
    private final OffsetTracker tracker = new OffsetTracker(new TopicPartition(Topics.ORDERS_PAID, 0));

    @Test
    void everyPoisonRecordIsRefusedWithAReasonAndNoneThrows() {
        OrderPaid valid = TestOrders.fresh(222, "INTAKE-1");
        long offset = 0;
        for (Map.Entry<String, String> poison : Poison.values(valid).entrySet()) {
            ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ORDERS_PAID, 0, offset++,
                    valid.key(), poison.getValue());
            OrderIntake.Result result = intake.take(record, tracker);
            assertThat(result.order()).as(poison.getKey()).isNull();
            assertThat(result.refused()).as(poison.getKey()).isNotNull();
            assertThat(result.reason()).as(poison.getKey()).isNotBlank();
        }
    }

    @Test
    void aValidOrderIsReadyToBatch() {
        OrderPaid valid = TestOrders.fresh(222, "INTAKE-2");
        OrderIntake.Result result = intake.take(new ConsumerRecord<>(Topics.ORDERS_PAID, 0, 9L, valid.key(),
                Json.writeString(valid)), tracker);
        assertThat(result.order()).isNotNull();
        assertThat(result.refused()).isNull();
    }
}
