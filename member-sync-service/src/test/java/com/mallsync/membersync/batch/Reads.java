package com.mallsync.membersync.batch;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.mallsync.membersync.TestOrders;
import com.mallsync.membersync.lifecycle.CrmDecision;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.Offsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Records read into {@link Offsets} by hand, as the poll loop reads them, and decided to be uploads. */
final class Reads {

    static final long MALL = 222;
    final Offsets offsets;
    private final OrderIntake intake = new OrderIntake(Map.of(MALL, ShopChannel.of("MALL222")), OrderEvent.PAID,
            Clock.systemUTC());
    private final Map<Integer, long[]> nextOffset = new HashMap<>();

    Reads(Offsets offsets) {
        this.offsets = offsets;
    }

    Reads() {
        this(new Offsets());
    }

    static TopicPartition partition(int partition) {
        return new TopicPartition(Topics.ORDERS_PAID, partition);
    }

    /** The next record of the partition, holding this event. */
    PendingOrder read(OrderPaid event, int partition) {
        long offset = nextOffset.computeIfAbsent(partition, p -> new long[1])[0]++;
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ORDERS_PAID, partition, offset,
                event.key(), Json.writeString(event));
        return new PendingOrder(record, offsets.read(record), event);
    }

    /** A fresh order read on the partition and decided to be an upload (so it has its 2030 order and Code). */
    PendingOrder upload(String orderNo, int partition) {
        PendingOrder read = read(TestOrders.fresh(MALL, orderNo), partition);
        CrmDecision decision = intake.decide(read, id -> Optional.empty());
        if (!(decision instanceof CrmDecision.Upload)) {
            throw new IllegalStateException(orderNo + " is not an upload: " + decision);
        }
        return read;
    }
}
