package com.mallsync.membersync.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mallsync.membersync.TestOrders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.Offsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch splitting by order: of several events of one order, only the first is decided (batched); the next only once
 * the one before is finished, so no batch holds two events of one order and a return never rides with its sale.
 */
class OrderLinesTest {

    final OrderLines lines = new OrderLines();
    final Offsets offsets = new Offsets();
    long offset;

    PendingOrder read(OrderPaid event, int partition) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ORDERS_PAID, partition, offset++,
                event.key(), "{}");
        return new PendingOrder(record, offsets.read(record), event);
    }

    static List<OrderPaid> life(String orderNo) {
        OrderPaid o = TestOrders.fresh(222, orderNo);
        Long line = o.lines().get(0).lineId();
        return List.of(o.as(OrderEvent.PAID, null), o.as(OrderEvent.CONFIRMED, null), o.as(OrderEvent.REFUNDED, line),
                o.as(OrderEvent.CANCELLED, null));
    }

    @Test
    void eachBatchHoldsAtMostOneEventOfAnOrderAndTheirOrderIsKept() {
        // two orders' lives interleaved on one partition, as a poll returns them
        List<OrderPaid> a = life("A1");
        List<OrderPaid> b = life("B1");
        List<PendingOrder> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (OrderPaid event : List.of(a.get(i), b.get(i))) {
                PendingOrder read = read(event, 0);
                if (lines.enter(read)) {
                    batch.add(read);
                }
            }
        }
        List<List<OrderPaid>> batches = new ArrayList<>();
        while (!batch.isEmpty()) {
            batches.add(batch.stream().map(p -> p.order).toList());
            List<PendingOrder> next = new ArrayList<>();
            for (PendingOrder sent : batch) {        // the batch's outcomes are published: release what waits
                PendingOrder released = lines.finished(sent);
                if (released != null) {
                    next.add(released);
                }
            }
            batch = next;
        }

        assertThat(batches).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(batches.get(i)).containsExactly(a.get(i), b.get(i));
            Set<String> keys = new HashSet<>();
            batches.get(i).forEach(e -> assertThat(keys.add(e.key())).as("one event per order").isTrue());
        }
        assertThat(lines.waiting()).isZero();
    }

    @Test
    void waitingEventsStayUnfinishedSoTheCommitStopsAtTheFirstOfThem() {
        List<OrderPaid> a = life("A2");
        PendingOrder paid = read(a.get(0), 0);
        PendingOrder confirmed = read(a.get(1), 0);
        assertThat(lines.enter(paid)).isTrue();
        assertThat(lines.enter(confirmed)).isFalse();

        PendingOrder other = read(TestOrders.fresh(222, "B2"), 0);   // another order, behind them, decided at once
        assertThat(lines.enter(other)).isTrue();
        paid.offsets.finished(paid.record.offset());
        other.offsets.finished(other.record.offset());

        assertThat(paid.offsets.position()).as("the commit may not pass the waiting CONFIRMED")
                .isEqualTo(confirmed.record.offset());
        assertThat(lines.finished(paid)).isSameAs(confirmed);
    }

    @Test
    void aRevokedPartitionsWaitingEventsAreDroppedAndItsLinesForgotten() {
        List<OrderPaid> a = life("A3");
        PendingOrder head = read(a.get(0), 1);
        lines.enter(head);
        lines.enter(read(a.get(1), 1));
        lines.enter(read(a.get(2), 1));
        PendingOrder kept = read(TestOrders.fresh(222, "B3"), 2);
        lines.enter(kept);
        lines.enter(read(TestOrders.fresh(222, "B3").as(OrderEvent.CONFIRMED, null), 2));

        Map<TopicPartition, Integer> dropped = lines.dropWaiting(List.of(new TopicPartition(Topics.ORDERS_PAID, 1)));
        assertThat(dropped).isEqualTo(Map.of(new TopicPartition(Topics.ORDERS_PAID, 1), 2));
        assertThat(lines.waiting()).isEqualTo(1);

        lines.forget(List.of(new TopicPartition(Topics.ORDERS_PAID, 1)));
        assertThat(lines.finished(head)).as("a forgotten line releases nothing").isNull();
        assertThat(lines.finished(kept)).isNotNull();
    }
}
