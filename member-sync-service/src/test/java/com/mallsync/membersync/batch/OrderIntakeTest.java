package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.mallsync.membersync.MemberSyncPoison;
import com.mallsync.membersync.TestOrders;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.membersync.lifecycle.CrmDecision;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.PartitionOffsets;

/** No record makes the intake throw: what cannot be sent comes back refused, with a reason. */
class OrderIntakeTest {

    private final OrderIntake intake = new OrderIntake(Map.of(222L, ShopChannel.of("MALL222")), OrderEvent.PAID,
            Clock.systemUTC());
    private final PartitionOffsets offsets = new Offsets().read(new TopicPartition(Topics.ORDERS_PAID, 0), 0);

    @Test
    void everyPoisonRecordIsRefusedWithAReasonAndNoneThrows() {
        OrderPaid valid = TestOrders.fresh(222, "INTAKE-1");
        long offset = 0;
        for (Map.Entry<String, String> poison : MemberSyncPoison.values(valid).entrySet()) {
            ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ORDERS_PAID, 0, offset++,
                    valid.key(), poison.getValue());
            OrderIntake.Result result = intake.read(record, offsets);
            if (result instanceof OrderIntake.Read read) {
                // readable, but what it comes to is refused when it is decided
                assertThat(intake.decide(read.order(), id -> Optional.empty())).as(poison.getKey())
                        .isInstanceOfSatisfying(CrmDecision.Reject.class, r -> assertThat(r.reason()).isNotBlank());
                continue;
            }
            assertThat(result).as(poison.getKey()).isInstanceOfSatisfying(OrderIntake.Refused.class, r -> {
                assertThat(r.order().record).isSameAs(record);
                assertThat(r.reason()).isNotBlank();
            });
        }
    }

    @Test
    void aValidOrderIsReadyToBatch() {
        OrderPaid valid = TestOrders.fresh(222, "INTAKE-2");
        OrderIntake.Result result = intake.read(new ConsumerRecord<>(Topics.ORDERS_PAID, 0, 9L, valid.key(),
                Json.writeString(valid)), offsets);
        assertThat(result).isInstanceOf(OrderIntake.Read.class);
        PendingOrder read = ((OrderIntake.Read) result).order();
        assertThat(intake.decide(read, id -> Optional.empty())).isInstanceOf(CrmDecision.Upload.class);
        assertThat(read.crm().code()).isEqualTo("INTAKE-2");
    }

    @Test
    void schemaVersionsOneAndTwoAreReadAndOthersRefused() {
        OrderPaid valid = TestOrders.fresh(222, "INTAKE-3");
        String v2 = Json.writeString(valid);
        for (int version : new int[] {1, 2}) {
            String json = v2.replace("\"schemaVersion\":" + valid.schemaVersion(), "\"schemaVersion\":" + version);
            OrderIntake.Result result = intake.read(new ConsumerRecord<>(Topics.ORDERS_PAID, 0, version, valid.key(),
                    json), offsets);
            assertThat(result).as("version " + version).isInstanceOfSatisfying(OrderIntake.Read.class,
                    read -> assertThat(read.order().order.event()).isEqualTo(OrderEvent.PAID));
        }
        String v3 = v2.replace("\"schemaVersion\":" + valid.schemaVersion(), "\"schemaVersion\":3");
        OrderIntake.Result result = intake.read(new ConsumerRecord<>(Topics.ORDERS_PAID, 0, 5L, valid.key(), v3),
                offsets);
        assertThat(result).isInstanceOfSatisfying(OrderIntake.Refused.class,
                r -> assertThat(r.reason()).contains("schemaVersion 3"));
    }
}
