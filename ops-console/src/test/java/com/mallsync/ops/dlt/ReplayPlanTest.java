package com.mallsync.ops.dlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    static final TopicPartition P0 = new TopicPartition("orders.paid.v1.erp-sync.dlt", 0);
    static final TopicPartition P1 = new TopicPartition("orders.paid.v1.erp-sync.dlt", 1);

    static ReplayPlan.Candidate record(TopicPartition tp, long offset, String key, boolean bounce) {
        return new ReplayPlan.Candidate(tp.topic() + "/" + tp.partition() + "/" + offset, tp, offset, 1000 + offset,
                key, bounce);
    }

    @Test
    void onlyTheLatestRecordOfAnOrderIsReplayed() {
        var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:a", false), record(P0, 5, "222:a", false),
                record(P0, 3, "222:a", false)), true, Map.of(), (k, c) -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::offset).containsExactly(5L);
        assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.SUPERSEDED, 2);
    }

    @Test
    void anOrderDeliveredAtTheTargetIsSkippedEvenWhenNamed() {
        Set<String> delivered = Set.of("222:done");
        for (boolean all : new boolean[] {true, false}) {
            var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:done", false), record(P1, 2, "222:open", false)),
                    all, Map.of(), (k, c) -> delivered.contains(k));
            assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::key).containsExactly("222:open");
            assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.DELIVERED, 1);
        }
    }

    @Test
    void replayAllSkipsWhatAnEarlierReplayAllHandledAndWhatCameBackFromAReplay() {
        List<ReplayPlan.Candidate> records = List.of(record(P0, 1, "222:old", false),
                record(P0, 4, "222:bounced", true), record(P1, 0, "222:new", false));
        var plan = ReplayPlan.plan(records, true, Map.of(P0, 2L), (k, c) -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::key).containsExactly("222:new");
        assertThat(plan.skipped()).containsEntry(ReplayPlan.Skip.ALREADY_REPLAYED, 1)
                .containsEntry(ReplayPlan.Skip.BOUNCED, 1);
    }

    @Test
    void aNamedRecordIsReplayedWhateverTheProgressAndEvenWhenItCameBackFromAReplay() {
        var plan = ReplayPlan.plan(List.of(record(P0, 1, "222:old", false), record(P1, 4, "222:bounced", true)),
                false, Map.of(P0, 2L, P1, 9L), (k, c) -> false);
        assertThat(plan.chosen()).extracting(ReplayPlan.Candidate::key).containsExactly("222:old", "222:bounced");
    }

    @Test
    void aRecordWithoutKeyStandsAlone() {
        var plan = ReplayPlan.plan(List.of(record(P0, 1, null, false), record(P0, 2, null, false)), true, Map.of(),
                (k, c) -> true);
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
