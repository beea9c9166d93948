package com.mallsync.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.stack.StackOptions;
import com.mallsync.system.check.Verdict;
import com.mallsync.system.sut.LocalStackSystem;

/**
 * The shortened fault-injection run (the full one is {@code ./fault-run}): the real services as separate processes
 * on a standalone broker, both sandboxes failing 10% of calls with a 5xx and timing out 5%, each sandbox down once,
 * each consumer service SIGKILLed twice and started again, the broker restarted once; then nothing lost, nothing
 * doubled, exactly one terminal outcome per order per target, nothing on a DLT.
 */
class FaultInjectionIT {

    private static LocalStackSystem system;

    @BeforeAll
    static void startTheStack() throws Exception {
        system = LocalStackSystem.start(LocalStackSystem.repoRoot(), Files.createDirectories(Path.of("target", "it-stack", "fault")),
                LocalStackSystem.all(), StackOptions.DEFAULT_JVM_OPTIONS, Map.of());
        System.out.println(system.table());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void underKillsOutagesAndABrokerRestartEveryOrderReachesBothTargetsExactlyOnce() {
        FaultPlan plan = FaultPlan.shortened();

        Verdict verdict = new FaultRun(system, plan, Duration.ofMinutes(3), System.out).run();

        assertThat(verdict.ordersSent()).isEqualTo(plan.orders());
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.crm().exactlyOneDelivered()).isEqualTo(plan.orders());
        assertThat(verdict.erp().exactlyOneDelivered()).isEqualTo(plan.orders());
    }
}
