package com.mallsync.ops.lag;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * Lag that knows why (issue 7, "two things no Kafka UI offers"): a pure function of what the console observed.
 * A paused group looks "STOPPED" to a tool that only reads committed offsets (Burrow); here the service's breaker
 * state says whether the pause is on purpose.
 *
 * @param state  the verdict
 * @param reason a sentence for the operator
 */
public record LagDiagnosis(State state, String reason) {

    public enum State {
        /** No lag. */
        OK,
        /** Lag, and the committed offsets move: it is working through it. */
        CATCHING_UP,
        /** A breaker is open: the service stopped fetching on purpose; nothing is lost, it resumes by itself. */
        PAUSED_BY_BREAKER,
        /** Lag, members present, but the committed offsets have not moved for a while. */
        STUCK,
        /** The service does not answer, or the group has no consumer. */
        DOWN
    }

    /**
     * @param lag             the group's total lag
     * @param service         what the service's actuator said
     * @param members         members in the group (-1 when unknown)
     * @param unchangedFor    how long the group's committed offsets have been the same
     * @param stallAfter      unchanged longer than this with lag is stuck
     */
    public static LagDiagnosis diagnose(long lag, ServiceStatus service, int members, Duration unchangedFor,
                                        Duration stallAfter) {
        if (service != null && service.anyBreakerOpen()) {
            String open = service.breakers().entrySet().stream().filter(e -> ServiceStatus.blocks(e.getValue()))
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            return new LagDiagnosis(State.PAUSED_BY_BREAKER, "breaker " + open + ": consumption paused on purpose "
                    + "while the downstream fails; nothing is lost, it resumes when the downstream answers (lag " + lag + ")");
        }
        if (service != null && !service.reachable()) {
            return new LagDiagnosis(State.DOWN, "service not answering (" + service.health() + ")"
                    + (lag > 0 ? "; lag " + lag + " waits for it" : "; new orders will wait for it"));
        }
        if (lag <= 0) {
            return new LagDiagnosis(State.OK, "no lag");
        }
        if (members == 0) {
            return new LagDiagnosis(State.DOWN, "no consumer in the group; lag " + lag + " waits for one");
        }
        if (unchangedFor.compareTo(stallAfter) >= 0) {
            return new LagDiagnosis(State.STUCK, "committed offsets unchanged for " + unchangedFor.toSeconds()
                    + " s with lag " + lag + " and no breaker open: consumer stuck (look at its log)");
        }
        return new LagDiagnosis(State.CATCHING_UP, "lag " + lag + ", offsets moving");
    }
}
