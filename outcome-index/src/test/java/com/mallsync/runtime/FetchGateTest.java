package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Between polls, in both services: fetching stops for an open breaker or too much pending; when it goes on again,
 * partitions still held for the outcome index stay paused.
 */
class FetchGateTest {

    private static final int MAX_PENDING = 100;
    private final TopicPartition p0 = new TopicPartition("orders.paid.v1", 0);
    private final TopicPartition p1 = new TopicPartition("orders.paid.v1", 1);
    private final TopicPartition p2 = new TopicPartition("orders.paid.v1", 2);
    private final Set<TopicPartition> assigned = Set.of(p0, p1, p2);

    @Test
    void aHeldPartitionIsNotResumedWhileTheOthersAre() {
        FetchGate gate = FetchGate.decide(State.CLOSED, 0, MAX_PENDING, assigned, Set.of(p0, p2), Set.of(p2));

        assertThat(gate.stop()).isFalse();
        assertThat(gate.resume()).containsExactly(p0);
        assertThat(gate.pause()).isEmpty();
        assertThat(gate.gauge()).isZero();
    }

    @Test
    void aPartitionNoLongerHeldIsResumed() {
        FetchGate gate = FetchGate.decide(State.CLOSED, 0, MAX_PENDING, assigned, Set.of(p2), Set.of());

        assertThat(gate.resume()).containsExactly(p2);
    }

    @Test
    void anOpenBreakerPausesEveryAssignedPartitionOnceAndResumesNone() {
        for (State open : new State[] {State.OPEN, State.FORCED_OPEN}) {
            FetchGate gate = FetchGate.decide(open, 0, MAX_PENDING, assigned, Set.of(p2), Set.of(p2));
            assertThat(gate.pause()).as(open.name()).isEqualTo(assigned);
            assertThat(gate.resume()).isEmpty();
            assertThat(gate.gauge()).isEqualTo(2);

            FetchGate again = FetchGate.decide(open, 0, MAX_PENDING, assigned, assigned, Set.of());
            assertThat(again.stop()).isTrue();
            assertThat(again.pause()).as("all paused already").isEmpty();
            assertThat(again.resume()).as("not even what is no longer held").isEmpty();
        }
    }

    @Test
    void reachingMaxPendingPausesFetchingAsBackPressure() {
        FetchGate atMax = FetchGate.decide(State.CLOSED, MAX_PENDING, MAX_PENDING, assigned, Set.of(), Set.of());
        assertThat(atMax.pause()).isEqualTo(assigned);
        assertThat(atMax.gauge()).isEqualTo(1);

        FetchGate below = FetchGate.decide(State.CLOSED, MAX_PENDING - 1, MAX_PENDING, assigned, assigned, Set.of());
        assertThat(below.stop()).isFalse();
        assertThat(below.resume()).isEqualTo(assigned);
    }

    /**
     * The cluster fault run's stall: erp-sync paused while half-open; its frozen instance woke with its work dropped
     * (partitions lost), so no record was left to make the trial calls and the breaker stayed half-open, fetching
     * paused, for good. Fetching half-open is what gives the breaker its trial calls.
     */
    @Test
    void aHalfOpenBreakerFetchesSoTheTrialCallsHaveRecordsToBeMadeFor() {
        FetchGate gate = FetchGate.decide(State.HALF_OPEN, 0, MAX_PENDING, assigned, assigned, Set.of());

        assertThat(gate.stop()).isFalse();
        assertThat(gate.resume()).isEqualTo(assigned);
        assertThat(gate.gauge()).isZero();
    }

    @Test
    void nothingAssignedIsNothingToPause() {
        FetchGate gate = FetchGate.decide(State.OPEN, 0, MAX_PENDING, Set.of(), Set.of(), Set.of());

        assertThat(gate.stop()).isTrue();
        assertThat(gate.pause()).isEmpty();
    }
}
