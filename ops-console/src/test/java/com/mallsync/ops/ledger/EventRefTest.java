package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;

class EventRefTest {

    @Test
    void aRecordsEventIsItsCeTypeAndARefundsLineComesFromItsValue() {
        assertThat(EventRef.ofRecord(OrderEvent.CONFIRMED.ceType(), "{\"event\":\"PAID\"}"))
                .isEqualTo(new EventRef(OrderEvent.CONFIRMED, null));
        assertThat(EventRef.ofRecord(OrderEvent.REFUNDED.ceType(), "{\"event\":\"REFUNDED\",\"line\":4711}"))
                .isEqualTo(new EventRef(OrderEvent.REFUNDED, 4711L));
        assertThat(EventRef.ofRecord(OrderEvent.CANCELLED.ceType(), "not json")).isEqualTo(
                new EventRef(OrderEvent.CANCELLED, null));
    }

    @Test
    void withoutCeTypeTheValueSaysAndARecordBeforeTheLifecycleIsPaid() {
        assertThat(EventRef.ofRecord(null, "{\"event\":\"REFUNDED\",\"line\":3}"))
                .isEqualTo(new EventRef(OrderEvent.REFUNDED, 3L));
        assertThat(EventRef.ofRecord(null, "{\"schemaVersion\":1,\"orderNo\":\"x\"}")).isEqualTo(EventRef.PAID);
        assertThat(EventRef.ofRecord(null, "{}")).isEqualTo(EventRef.PAID);
        assertThat(EventRef.ofRecord(null, (String) null)).isEqualTo(EventRef.PAID);
        assertThat(EventRef.ofRecord("something.else", "garbage")).isEqualTo(EventRef.PAID);
        assertThat(new EventRef(null, null)).isEqualTo(EventRef.PAID);
    }

    @Test
    void anOrdersEventsSortAsTheContractOrdersThem() {
        List<EventRef> refs = new ArrayList<>(List.of(new EventRef(OrderEvent.CANCELLED, null),
                new EventRef(OrderEvent.REFUNDED, 9L), EventRef.PAID, new EventRef(OrderEvent.REFUNDED, 2L),
                new EventRef(OrderEvent.CONFIRMED, null)));
        Collections.sort(refs);
        assertThat(refs).extracting(EventRef::label)
                .containsExactly("PAID", "CONFIRMED", "REFUNDED line 2", "REFUNDED line 9", "CANCELLED");
    }
}
