package com.mallsync.ops.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.ops.ledger.EventRef;

class ReplayPlanTest {

    static final TopicPartition P0 = new TopicPartition("orders.paid.v1.erp-sync.dlt", 0);
    static final TopicPartition P1 = new TopicPartition("orders.paid.v1.erp-sync.dlt", 1);

    static final EventRef SALE = EventRef.PAID;
    static final EventRef RETURN_7 = new EventRef(OrderEvent.REFUNDED, 7L);
    static final EventRef RETURN_8 = new EventRef(OrderEvent.REFUNDED, 8L);
    static final EventRef CANCEL = new EventRef(OrderEvent.CANCELLED, null);

    static ReplayPlan.Candidate record(TopicPartition tp, long offset, String key, boolean bounce) {
        return record(tp, offset, key, SALE, bounce);
    }

    static ReplayPlan.Candidate record(TopicPartition tp, long offset, String key, EventRef event, boolean bounce) {
        return new ReplayPlan.Candidate(tp.topic() + "/" + tp.partition() + "/" + offset, tp, offset, 1000 + offset,
                key, event, bounce);
    }

    @Test
    void onlyTheLatestRecordOfAnOrderIsReplayed() {
        var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:a", false), record(P0, 5, "222:a", false),
                record(P0, 3, "222:a", false)), true, Map.of(), c -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::offset).containsExactly(5L);
        assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.SUPERSEDED, 2);
    }

    @Test
    void theLatestRecordOfEachEventOfAnOrderIsReplayedNotOnlyOfTheOrder() {
        // the sale failed, then a return of line 7 was REJECTED (its sale not there), then the sale failed again
        var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:a", SALE, false), record(P0, 2, "222:a", RETURN_7, false),
                record(P0, 3, "222:a", RETURN_8, false), record(P0, 4, "222:a", SALE, false),
                record(P0, 5, "222:a", RETURN_7, false)), true, Map.of(), c -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::offset).containsExactly(4L, 3L, 5L);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::event).containsExactly(SALE, RETURN_8, RETURN_7)
                .as("the returns after the sale, in their DLT order");
        assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.SUPERSEDED, 2);
    }

    @Test
    void anOrdersEventsGoOutInTheContractsOrderWhateverTheOrderOfTheirLatestRecords() {
        // the sale's latest record is the newest (it bounced once more); it still goes before the return and the
        // cancellation, which a consumer can only decide after the sale; another order keeps its own place
        var plan = ReplayPlan.plan(List.of(record(P0, 2, "222:a", CANCEL, false), record(P1, 3, "222:b", SALE, false),
                record(P0, 4, "222:a", RETURN_7, false), record(P0, 9, "222:a", SALE, true)), false, Map.of(),
                c -> false);
        assertThat(plan.chosen()).extracting(c -> c.key() + " " + c.event().label())
                .containsExactly("222:a PAID", "222:a REFUNDED line 7", "222:a CANCELLED", "222:b PAID");
    }

    @Test
    void aRejectedReturnOfAnOrderWhoseSaleIsSettledIsStillReplayedAndASettledEventIsNot() {
        Set<EventRef> settled = Set.of(SALE, CANCEL);
        var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:a", SALE, false), record(P0, 2, "222:a", RETURN_7, false),
                record(P0, 3, "222:a", CANCEL, false)), true, Map.of(), c -> settled.contains(c.event()));
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::event).containsExactly(RETURN_7);
        assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.DELIVERED, 2);
    }

    @Test
    void anOrderDeliveredAtTheTargetIsSkippedEvenWhenNamed() {
        Set<String> delivered = Set.of("222:done");
        for (boolean all : new boolean[] {true, false}) {
            var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:done", false), record(P1, 2, "222:open", false)),
                    all, Map.of(), c -> delivered.contains(c.key()));
            assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::key).containsExactly("222:open");
            assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.DELIVERED, 1);
        }
    }

    @Test
    void replayAllSkipsWhatAnEarlierReplayAllHandledAndWhatCameBackFromAReplay() {
        List<ReplayPlan.Candidate> records = List.of(record(P0, 1, "222:old", false),
                record(P0, 4, "222:bounced", true), record(P1, 0, "222:new", false));
        var plan = ReplayPlan.plan(records, true, Map.of(P0, 2L), c -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::key).containsExactly("222:new");
        assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.ALREADY_REPLAYED, 1)
                .containsEntry(ReplayPlan.Skip.BOUNCED, 1);
    }

    @Test
    void aNamedRecordIsReplayedWhateverTheProgressAndEvenWhenItCameBackFromAReplay() {
        var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:old", false), record(P1, 4, "222:bounced", true)),
                false, Map.of(P0, 2L, P1, 9L), c -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::key).containsExactly("222:old", "222:bounced");
    }

    @Test
    void aRecordWithoutKeyStandsAlone() {
        var plan = ReplayPlan.plan(List.of(record(P0, 1, null, false), record(P0, 2, null, false)), true, Map.of(),
                c -> true);
        assertThat(plan.chosen()).hasSize(2);
    }

    @Test
    void replayRequestsSayAllOrNameRecords() {
        assertThatThrownBy(() -> new ReplayRequest(false, null, null, null))
                .hasMessageContaining("say all");
        assertThatThrownBy(() -> new ReplayRequest(true, null, Set.of("x"), null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ReplayRequest.all(List.of()).inDoubt("maybe"))
                .hasMessageContaining("HOLD or RESEND");
        assertThat(ReplayRequest.all(List.of()).inDoubt()).isEqualTo("HOLD");
        assertThat(ReplayRequest.all(List.of()).inDoubt("resend").inDoubt()).isEqualTo("RESEND");
    }
}
