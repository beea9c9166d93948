package com.mallsync.system.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.mallsync.system.fault.FaultPlan.Action;
import com.mallsync.system.fault.FaultPlan.Step;
import com.mallsync.system.sut.SystemUnderTest.Part;

class FaultPlanTest {

    static List<FaultPlan> plans() {
        return List.of(FaultPlan.full(), FaultPlan.shortened(), FaultPlan.full().onCluster(FaultPlan.CLUSTER_FREEZE),
                FaultPlan.shortened().onCluster(FaultPlan.CLUSTER_FREEZE));
    }

    @ParameterizedTest
    @MethodSource("plans")
    void eachConsumerIsKilledTwiceEachSandboxGoesDownOnceAndTheBrokerRestartsOnce(FaultPlan plan) {
        List<Step> steps = plan.steps();

        assertThat(steps.stream().filter(s -> s.action() == Action.KILL_AND_START).map(Step::part))
                .containsExactlyInAnyOrder(Part.MEMBER_SYNC, Part.MEMBER_SYNC, Part.ERP_SYNC, Part.ERP_SYNC);
        assertThat(steps.stream().filter(s -> s.action() == Action.OUTAGE).map(Step::part))
                .containsExactlyInAnyOrder(Part.CRM_SANDBOX, Part.ERP_SANDBOX);
        assertThat(steps.stream().filter(s -> s.action() == Action.BROKER_RESTART
                || s.action() == Action.LEADER_KILL_AND_START)).hasSize(1);
    }

    @Test
    void onAClusterInstanceOneIsKilledInstanceTwoFrozenPastItsSessionAndTheBusiestLeaderKilled() {
        FaultPlan plan = FaultPlan.full().onCluster(FaultPlan.CLUSTER_FREEZE);
        List<Step> steps = plan.steps();

        assertThat(plan.topology().brokers()).isEqualTo(3);
        assertThat(plan.topology().instances()).isEqualTo(2);
        assertThat(steps).filteredOn(s -> s.action() == Action.KILL_AND_START).extracting(Step::instance)
                .containsOnly(1).hasSize(4);
        assertThat(steps).filteredOn(s -> s.action() == Action.FREEZE)
                .allSatisfy(s -> {
                    assertThat(s.instance()).isEqualTo(2);
                    // longer than the consumers' 10 s session timeout: the zombie case, not a hiccup
                    assertThat(s.lasting()).isGreaterThan(Duration.ofSeconds(10));
                })
                .extracting(Step::part).containsExactlyInAnyOrder(Part.MEMBER_SYNC, Part.ERP_SYNC);
        assertThat(steps).filteredOn(s -> s.action() == Action.LEADER_KILL_AND_START).hasSize(1);
        assertThat(steps).noneMatch(s -> s.action() == Action.BROKER_RESTART);
        // the single-broker plan has neither
        assertThat(FaultPlan.full().steps()).noneMatch(s -> s.action() == Action.FREEZE
                || s.action() == Action.LEADER_KILL_AND_START);
    }

    @Test
    void eachInstanceOfAServiceGetsItsOwnGroupInstanceId() {
        FaultPlan plan = FaultPlan.shortened().withErpDuplicateCheck("3001").onCluster(FaultPlan.CLUSTER_FREEZE);

        assertThat(plan.serviceArgs(2).get(Part.MEMBER_SYNC))
                .containsExactly("--member-sync.consumer.group-instance-id=member-sync-2");
        assertThat(plan.serviceArgs(2).get(Part.ERP_SYNC)).containsExactlyInAnyOrder(
                "--erp-sync.consumer.group-instance-id=erp-sync-2", "--erp-sync.erp.duplicate-codes=3001");
        assertThat(plan.serviceArgs(2).get(Part.INGEST)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("plans")
    void everyFaultHappensWhileOrdersAreStillArrivingAndTheOutagesDoNotOverlap(FaultPlan plan) {
        List<Step> steps = plan.steps();
        Step crm = steps.stream().filter(s -> s.part() == Part.CRM_SANDBOX).findFirst().orElseThrow();
        Step erp = steps.stream().filter(s -> s.part() == Part.ERP_SANDBOX).findFirst().orElseThrow();

        assertThat(steps).allSatisfy(s -> assertThat(s.at()).isLessThan(plan.sendingWindow()));
        assertThat(steps).isSortedAccordingTo(java.util.Comparator.comparing(Step::at));
        assertThat(crm.at().plus(crm.lasting())).isLessThan(erp.at());
        assertThat(erp.at().plus(erp.lasting())).isLessThanOrEqualTo(plan.sendingWindow());
    }

    @Test
    void theFullRunIsTheIssuesRun() {
        FaultPlan full = FaultPlan.full();

        assertThat(full.orders()).isEqualTo(10_000);
        assertThat(full.outage()).isEqualTo(Duration.ofSeconds(60));
        assertThat(full.errorRate()).isEqualTo(0.10);
        assertThat(full.timeoutRate()).isEqualTo(0.05);
    }

    @Test
    void aWindowTooShortForTwoSeparateOutagesIsRefused() {
        FaultPlan cramped = new FaultPlan(100, 10, Duration.ofSeconds(60), 0.1, 0.05, 1000);

        assertThatThrownBy(cramped::steps).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachConsumerGetsItsOwnStableInstanceIdAndOnlyErpSyncTheDuplicateCode() {
        FaultPlan plan = FaultPlan.shortened().withErpDuplicateCheck("3001");

        assertThat(plan.serviceArgs().get(Part.MEMBER_SYNC))
                .containsExactly("--member-sync.consumer.group-instance-id=member-sync-1");
        assertThat(plan.serviceArgs().get(Part.ERP_SYNC)).containsExactlyInAnyOrder(
                "--erp-sync.consumer.group-instance-id=erp-sync-1", "--erp-sync.erp.duplicate-codes=3001");
        assertThat(plan.withDynamicMembership().serviceArgs().get(Part.MEMBER_SYNC)).isEmpty();
        assertThat(FaultPlan.full().serviceArgs().get(Part.ERP_SYNC))
                .containsExactly("--erp-sync.consumer.group-instance-id=erp-sync-1");
    }

    @Test
    void theConsumerProtocolIsKafkasOwnSettingForBothConsumersOnEveryInstance() {
        FaultPlan plan = FaultPlan.shortened().withConsumerProtocol().onCluster(FaultPlan.CLUSTER_FREEZE);

        for (int n = 1; n <= 2; n++) {
            assertThat(plan.serviceArgs(n).get(Part.MEMBER_SYNC)).contains(
                    "--spring.kafka.consumer.properties.group.protocol=consumer");
            assertThat(plan.serviceArgs(n).get(Part.ERP_SYNC)).contains(
                    "--spring.kafka.consumer.properties.group.protocol=consumer");
            assertThat(plan.serviceArgs(n).get(Part.INGEST)).isEmpty();
        }
        assertThat(FaultPlan.shortened().serviceArgs().get(Part.ERP_SYNC)).noneMatch(a -> a.contains("protocol"));
    }
}
