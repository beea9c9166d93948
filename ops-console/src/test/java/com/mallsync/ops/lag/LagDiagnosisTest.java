package com.mallsync.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.ops.lag.LagDiagnosis.State;

class LagDiagnosisTest {

    private static final Duration STALL = Duration.ofSeconds(60);
    private static final ServiceStatus UP = new ServiceStatus("erp-sync", "u", true, "UP", Map.of("erp", "CLOSED"), null);

    @Test
    void lagWithAnOpenBreakerIsAPauseOnPurposeEvenWhenOffsetsDoNotMove() {
        ServiceStatus open = new ServiceStatus("erp-sync", "u", true, "DOWN", Map.of("erp", "OPEN"), null);
        LagDiagnosis d = LagDiagnosis.diagnose(120, open, 1, Duration.ofMinutes(10), STALL);
        assertThat(d.state()).isEqualTo(State.PAUSED_BY_BREAKER);
        assertThat(d.reason()).contains("erp OPEN").contains("on purpose");
    }

    @Test
    void lagWithOffsetsNotMovingAndNoBreakerOpenIsStuck() {
        assertThat(LagDiagnosis.diagnose(120, UP, 1, Duration.ofSeconds(61), STALL).state()).isEqualTo(State.STUCK);
        assertThat(LagDiagnosis.diagnose(120, UP, 1, Duration.ofSeconds(5), STALL).state())
                .isEqualTo(State.CATCHING_UP);
    }

    @Test
    void anUnreachableServiceOrAnEmptyGroupIsDown() {
        ServiceStatus gone = new ServiceStatus("erp-sync", "u", false, "UNREACHABLE", Map.of(), "refused");
        assertThat(LagDiagnosis.diagnose(5, gone, 0, Duration.ZERO, STALL).state()).isEqualTo(State.DOWN);
        assertThat(LagDiagnosis.diagnose(5, UP, 0, Duration.ZERO, STALL).state()).isEqualTo(State.DOWN);
    }

    @Test
    void noLagIsOk() {
        assertThat(LagDiagnosis.diagnose(0, UP, 1, Duration.ofHours(1), STALL).state()).isEqualTo(State.OK);
    }

    @Test
    void readsBreakerStatesFromResilience4jsEndpointAndFromItsHealthComponent() {
        assertThat(ServiceProbe.parseBreakers(Json.tree("""
                {"circuitBreakers":{"crm":{"failureRate":"-1.0%","state":"HALF_OPEN"},"x":{"state":"CLOSED"}}}""")))
                .containsEntry("crm", "HALF_OPEN").containsEntry("x", "CLOSED");
        assertThat(ServiceProbe.breakersFromHealth(Json.tree("""
                {"status":"UP","components":{"circuitBreakers":{"status":"UP",
                 "details":{"erp":{"status":"CIRCUIT_OPEN","details":{"state":"OPEN"}}}}}}""")))
                .containsExactly(Map.entry("erp", "OPEN"));
    }
}
