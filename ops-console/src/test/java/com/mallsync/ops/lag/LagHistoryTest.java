package com.mallsync.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.SyncTarget;

class LagHistoryTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theRingHoldsTheConfiguredSpanAtTheProbeIntervalAndDropsTheOldest() {
        LagHistory history = new LagHistory(Duration.ofSeconds(30), Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            history.record(snapshot(T.plusSeconds(10L * i), i, LagDiagnosis.State.CATCHING_UP));
        }
        assertThat(history.capacity()).isEqualTo(3);
        assertThat(history.since(T)).extracting(p -> p.lag().get("erp-sync")).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aProbeThatCouldNotReachKafkaAddsNoPoint() {
        LagHistory history = new LagHistory(Duration.ofHours(6), Duration.ofSeconds(5));
        history.record(new Snapshot(T, "Kafka not reachable", List.of(), List.of(), Map.of()));
        assertThat(history.since(T.minusSeconds(1))).isEmpty();
        assertThat(history.capacity()).isEqualTo(4320);
    }

    @Test
    void pausedSpansRunFromTheFirstPausedProbeToTheFirstOneAfter() {
        LagHistory history = new LagHistory(Duration.ofHours(1), Duration.ofSeconds(5));
        LagDiagnosis.State[] states = {LagDiagnosis.State.OK, LagDiagnosis.State.PAUSED_BY_BREAKER,
                LagDiagnosis.State.PAUSED_BY_BREAKER, LagDiagnosis.State.CATCHING_UP, LagDiagnosis.State.OK,
                LagDiagnosis.State.PAUSED_BY_BREAKER};
        for (int i = 0; i < states.length; i++) {
            history.record(snapshot(T.plusSeconds(5L * i), 10, states[i]));
        }
        List<LagHistory.Span> spans = LagHistory.spans(history.since(T), "erp-sync",
                LagDiagnosis.State.PAUSED_BY_BREAKER);

        assertThat(spans).containsExactly(new LagHistory.Span(T.plusSeconds(5), T.plusSeconds(15)),
                new LagHistory.Span(T.plusSeconds(25), T.plusSeconds(25)));
    }

    private static Snapshot snapshot(Instant at, long lag, LagDiagnosis.State state) {
        Snapshot.GroupLag group = new Snapshot.GroupLag("erp-sync", "erp-sync", SyncTarget.ERP, lag, 1, "STABLE",
                List.of(), new LagDiagnosis(state, "test"), at);
        return new Snapshot(at, null, List.of(group), List.of(), Map.of());
    }
}
