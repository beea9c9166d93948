package com.mallsync.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.system.check.Verdict;
import com.mallsync.system.fault.FaultPlan;
import com.mallsync.system.fault.FaultRun;
import com.mallsync.system.fault.FaultRunAssertions;
import com.mallsync.system.sut.LocalStackSystem;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * Issue 11's cluster fault run, shortened ({@code ./fault-run --cluster} is the full one): three Kafka brokers (KRaft,
 * replication factor 3, {@code min.insync.replicas} 2), <b>two instances of ingest, member-sync and erp-sync</b>, the
 * mall spreading its pushes over both ingest instances; both sandboxes failing 10% of calls with a 5xx and timing out
 * 5%, each down once; instance 1 of each consumer SIGKILLed twice; instance 2 of each SIGSTOPped for 25 s (past its
 * 10 s session and transaction timeouts: the group gives its partitions to the other instance and the coordinator
 * aborts its open transaction) and then SIGCONTed, a zombie waking up with work in hand; and the broker leading most
 * partitions of {@code orders.paid.v1} SIGKILLed and started again. Then exactly one terminal outcome per event per
 * target, each sandbox holding each sale and return once, nothing on a DLT, no full mobile in any instance's log.
 *
 * <p>As in {@code FaultInjectionIT}, the ERP refuses a second {@code OuterID} (Code 3001, listed in erp-sync's
 * {@code erp-sync.erp.duplicate-codes}): without such a check a SIGKILL between the ERP's answer and erp-sync's
 * record of it leaves an order in doubt, which no transaction can cover (README, "Known limits").
 */
class ClusterFaultIT {

    private static final FaultPlan PLAN = FaultPlan.shortened().withErpDuplicateCheck("3001")
            .onCluster(FaultPlan.CLUSTER_FREEZE);

    private static LocalStackSystem system;

    @BeforeAll
    static void startTheCluster() throws Exception {
        long started = System.nanoTime();
        system = FaultRun.startSystem(PLAN, Files.createDirectories(Path.of("target", "it-stack", "cluster-fault")));
        System.out.printf("[cluster-fault] %s healthy after %d s%n%s", PLAN.topology(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), system.table());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void twoInstancesOfEachServiceOnThreeBrokersThroughKillsFreezesOutagesAndALeaderKillDecideEveryEventOnce() {
        for (Part service : List.of(Part.INGEST, Part.MEMBER_SYNC, Part.ERP_SYNC)) {
            assertThat(system.instances(service)).as(service.name()).isEqualTo(2);
        }
        assertThat(system.cluster().nodes()).hasSize(3);

        Verdict verdict = new FaultRun(system, PLAN, Duration.ofMinutes(4), System.out).run();

        FaultRunAssertions.everyEventDecidedOnce(verdict, PLAN);
    }
}
