package com.mallsync.system.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.system.check.Verdict;
import com.mallsync.system.sut.LocalStackSystem;

/**
 * The shortened fault-injection run (the full one is {@code ./fault-run}): the real services as separate processes
 * on a standalone broker, both sandboxes failing 10% of calls with a 5xx and timing out 5%, each sandbox down once,
 * each consumer service SIGKILLed twice and started again, the broker restarted once, the orders with the lifecycle
 * mix (80% confirmed, 5% cancelled, 5% of lines refunded, each later push some time after the previous one); then
 * exactly one terminal outcome per event per target, the one the lifecycle rules require, each sandbox holding each
 * sale and each return exactly once, nothing on a DLT.
 *
 * <p>The ERP here refuses a second {@code OuterID} (the sandbox's {@code duplicateCode}, listed in erp-sync's
 * {@code erp-sync.erp.duplicate-codes}). The seed documents no such check, and without one exactly-once cannot be
 * had: a SIGKILL of erp-sync after the ERP created an order and before erp-sync recorded the answer leaves the
 * order in doubt, and the default policy sends it again, flagged (README, "Known limits"; CI saw 2 such doubles in
 * one run of this test before it had the check). That default is what {@code ./fault-run} runs, and
 * {@code ErpInDoubtIT} proves the flagging; this test proves the rest of the plumbing exactly-once under kills.
 */
class FaultInjectionIT {

    /** Any Code the sandbox does not use for something else (its own are 1000–1005). */
    private static final FaultPlan PLAN = FaultPlan.shortened().withErpDuplicateCheck("3001");

    private static LocalStackSystem system;

    @BeforeAll
    static void startTheStack() throws Exception {
        system = FaultRun.startSystem(PLAN, Files.createDirectories(Path.of("target", "it-stack", "fault")));
        System.out.println(system.table());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void underKillsOutagesAndABrokerRestartEveryEventOfTheLifecycleMixIsDecidedOnceAndEverySaleAndReturnHeldOnce() {
        Verdict verdict = new FaultRun(system, PLAN, Duration.ofMinutes(3), System.out).run();

        FaultRunAssertions.everyEventDecidedOnce(verdict, PLAN);
    }
}
