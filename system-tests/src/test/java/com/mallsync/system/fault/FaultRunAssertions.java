package com.mallsync.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.mallsync.system.check.TargetVerdict;
import com.mallsync.system.check.Verdict;

/**
 * What every shortened fault run must show, the single-broker one ({@code FaultInjectionIT}) and the cluster one
 * ({@code ClusterFaultIT}) alike: every order sent, no violation (no double, nothing lost, nothing on a DLT, no full
 * mobile in a log), the lifecycle mix announcing more events than orders, and at each target exactly one terminal
 * outcome per event, each sale and each return held once.
 */
public final class FaultRunAssertions {

    private FaultRunAssertions() {
    }

    public static void everyEventDecidedOnce(Verdict verdict, FaultPlan plan) {
        assertThat(verdict.ordersSent()).isEqualTo(plan.orders());
        assertThat(verdict.violations()).isEmpty();
        // the lifecycle mix: later pushes announced more events than orders, and returns at both targets
        assertThat(verdict.eventsSent()).isGreaterThan(plan.orders());
        for (TargetVerdict target : List.of(verdict.crm(), verdict.erp())) {
            assertThat(target.exactlyOneAsExpected()).as(target.target().name()).isEqualTo(verdict.eventsSent());
            assertThat(target.returnsStored()).as(target.target().name()).isPositive()
                    .isEqualTo(target.returnsExpected());
            assertThat(target.salesStored()).as(target.target().name()).isEqualTo(target.salesExpected());
        }
        assertThat(verdict.erp().salesStored()).isEqualTo(plan.orders());
    }
}
