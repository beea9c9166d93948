package com.mallsync.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import com.mallsync.model.Json;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OrderFactsTest {

    private final Instant now = Instant.parse("2025-03-20T09:00:00Z");

    private List<OrderPaid> events(java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode push = (ObjectNode) Json.mapper().readTree(Seeds.mallOrderPush());
        edit.accept(push);
        String body = Json.mapper().writeValueAsString(push);
        return OrderPaidMapping.toEvents(Json.read(body, MallOrderPush.class), body, now);
    }

    @Test
    void theSeedAsPushedShowsOnlyThePayment() {
        // the seed: "is_confirm": 0, "cancel_status": 0, and its one line "is_refund": 0, "refund_status": 0
        List<OrderPaid> events = events(p -> { });
        assertThat(events).extracting(OrderPaid::event).containsExactly(OrderEvent.PAID);
        OrderPaid paid = events.get(0);
        assertThat(paid.eventId()).isEqualTo(OrderPaid.eventIdFor(paid.mallId(), paid.orderNo()));
        assertThat(paid.schemaVersion()).isEqualTo(OrderPaid.SCHEMA_VERSION);
        assertThat(paid.lifecycle()).isEqualTo(new Lifecycle(false, null, 0, null, paid.lifecycle().updatedAt()));
    }

    @Test
    void aPushShowingEveryFactYieldsThemInTheContractsOrderEachWithItsOwnId() {
        List<OrderPaid> events = events(p -> {
            p.put("is_confirm", 1).put("confirm_time", "2025-03-25 10:00:00");
            p.put("cancel_status", 1).put("cancel_time", "2025-03-26 11:00:00");
            ObjectNode line = (ObjectNode) p.get("detail").get(0);
            line.put("is_refund", 1).put("refund_status", 2);
        });
        assertThat(events).extracting(OrderPaid::event)
                .containsExactly(OrderEvent.PAID, OrderEvent.CONFIRMED, OrderEvent.REFUNDED, OrderEvent.CANCELLED);
        assertThat(events).extracting(OrderPaid::eventId).doesNotHaveDuplicates();
        OrderPaid refund = events.get(2);
        assertThat(refund.line()).isEqualTo(refund.lines().get(0).lineId());
        assertThat(refund.refundedLine()).contains(refund.lines().get(0));
        assertThat(refund.lifecycle().cancelled()).isTrue();
        assertThat(refund.lifecycle().confirmedAt()).hasToString("2025-03-25T10:00+08:00");
        OrderPaid again = events(p -> {
            p.put("is_confirm", 1).put("cancel_status", 1);
            ((ObjectNode) p.get("detail").get(0)).put("is_refund", 1).put("refund_status", 2);
        }).get(2);
        assertThat(again.eventId()).as("same fact, same id").isEqualTo(refund.eventId());
    }

    @Test
    void aRequestedCancellationAndAnAfterSaleInProgressAreNotFactsYet() {
        List<OrderPaid> events = events(p -> {
            p.put("cancel_status", 2);
            ((ObjectNode) p.get("detail").get(0)).put("is_refund", 1).put("refund_status", 1);
        });
        assertThat(events).extracting(OrderPaid::event).containsExactly(OrderEvent.PAID);
    }

    @Test
    void eventIdsAreDerivedFromMallOrderFactAndLineOnly() {
        assertThat(OrderEvent.REFUNDED.eventId(222, "A", 1L)).isNotEqualTo(OrderEvent.REFUNDED.eventId(222, "A", 2L))
                .isNotEqualTo(OrderEvent.CANCELLED.eventId(222, "A", null));
        assertThat(OrderEvent.PAID.eventId(222, "A", null)).isEqualTo(OrderPaid.eventIdFor(222, "A"));
        assertThatThrownBy(() -> OrderEvent.REFUNDED.eventId(222, "A", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderEvent.PAID.eventId(222, "A", 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OrderEvent.ofCeType("mall.order.refunded.v1")).contains(OrderEvent.REFUNDED);
    }

    @Test
    void aVersionOneRecordReadsAsAPaidEventWithNothingSince() {
        OrderPaid paid = events(p -> { }).get(0);
        ObjectNode v1 = (ObjectNode) Json.mapper().readTree(Json.writeString(paid));
        v1.put("schemaVersion", 1).remove(List.of("event", "line", "lifecycle"));
        ((ObjectNode) v1.get("lines").get(0)).remove("refunded");
        OrderPaid read = Json.read(Json.mapper().writeValueAsString(v1), OrderPaid.class);
        assertThat(read.event()).isEqualTo(OrderEvent.PAID);
        assertThat(read.lifecycle()).isEqualTo(Lifecycle.PAID_ONLY);
        assertThat(read.lines().get(0).refundedLine()).isFalse();
        assertThat(OrderPaid.readableVersion(1)).isTrue();
        assertThat(OrderPaid.readableVersion(3)).isFalse();
        SyncOutcome old = Json.read("{\"eventId\":\"" + paid.eventId() + "\",\"mallId\":222,\"orderNo\":\"A\","
                + "\"target\":\"ERP\",\"status\":\"SYNCED\",\"attempts\":1,\"at\":\"2025-03-20T09:00:00Z\"}",
                SyncOutcome.class);
        assertThat(old.event()).isEqualTo(OrderEvent.PAID);
        assertThat(old.line()).isNull();
    }
}
