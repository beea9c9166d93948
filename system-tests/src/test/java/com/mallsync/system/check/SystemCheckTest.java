package com.mallsync.system.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

class SystemCheckTest {

    private static final long MALL = 222;
    private static final String A = "20261123000000000001";
    private static final String B = "20261123000000000002";
    private static final Map<String, Long> NO_DLT = Map.of(Topics.MEMBER_SYNC_DLT, 0L, Topics.ERP_SYNC_DLT, 0L);

    @Test
    void aCleanRunWithOneSyncedOutcomePerOrderPerTargetPasses() {
        Verdict verdict = SystemCheck.judge(evidence(
                List.of(synced(A, SyncTarget.CRM_2030), synced(B, SyncTarget.CRM_2030),
                        synced(A, SyncTarget.ERP), outcome(B, SyncTarget.ERP, SyncStatus.DUPLICATE)),
                crmStored(A, B), erpStored(A, B), NO_DLT));

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.crm().exactlyOneDelivered()).isEqualTo(2);
        assertThat(verdict.erp().exactlyOneDelivered()).isEqualTo(2);
        assertThat(verdict.report()).contains("PASS");
    }

    @Test
    void anOrderTheSandboxNeverStoredIsReportedLost() {
        Verdict verdict = SystemCheck.judge(evidence(allSynced(), crmStored(A), erpStored(A, B), NO_DLT));

        assertThat(verdict.crm().missingInSandbox()).isEqualTo(1);
        assertThat(verdict.violations()).containsExactly("CRM_2030: orders missing in the sandbox (lost): 1 (must be 0)");
    }

    @Test
    void anOrderStoredTwiceIsADuplicateEvenWhenTheSandboxDidNotCountIt() {
        Verdict verdict = SystemCheck.judge(evidence(allSynced(), crmStored(A, B), erpStored(A, B, B), NO_DLT));

        assertThat(verdict.erp().duplicatesStored()).isEqualTo(1);
        assertThat(verdict.violations()).containsExactly("ERP: duplicate stored copies: 1 (must be 0)");
    }

    @Test
    void theSandboxsOwnDoubleCreationCountIsAViolation() {
        TargetEvidence erp = new TargetEvidence(SyncTarget.ERP, new SandboxStats(3, 2, 3, 1, 0, 0, 0),
                List.of(order(A), order(B)));

        Verdict verdict = SystemCheck.judge(evidence(allSynced(), crmStored(A, B), erp, NO_DLT));

        assertThat(verdict.violations()).containsExactly("ERP: double creations reported by the sandbox: 1 (must be 0)");
    }

    @Test
    void aDoubleCreationIsStillAViolationButTheReportTellsWhetherItsOutcomeFlaggedIt() {
        List<SyncOutcome> outcomes = new ArrayList<>(allSynced());
        outcomes.removeIf(o -> o.orderNo().equals(B) && o.target() == SyncTarget.ERP);
        outcomes.add(new SyncOutcome(UUID.randomUUID(), MALL, B, SyncTarget.ERP, SyncStatus.SYNCED, "ref", 2,
                SyncOutcome.IN_DOUBT + ": attempt 1 got no reply", Instant.now()));

        Verdict flagged = SystemCheck.judge(evidence(outcomes, crmStored(A, B), erpStored(A, B, B), NO_DLT));
        Verdict silent = SystemCheck.judge(evidence(allSynced(), crmStored(A, B), erpStored(A, B, B), NO_DLT));

        assertThat(flagged.erp().inDoubt()).isEqualTo(1);
        assertThat(flagged.erp().doubledNotFlagged()).isZero();
        assertThat(flagged.violations()).containsExactly("ERP: duplicate stored copies: 1 (must be 0)");
        assertThat(silent.erp().inDoubt()).isZero();
        assertThat(silent.erp().doubledNotFlagged()).isEqualTo(1);
        assertThat(flagged.report()).contains("orders flagged in doubt");
    }

    @Test
    void anOrderWithoutOutcomeForOneTargetIsAViolation() {
        List<SyncOutcome> outcomes = new ArrayList<>(allSynced());
        outcomes.removeIf(o -> o.orderNo().equals(B) && o.target() == SyncTarget.ERP);

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmStored(A, B), erpStored(A, B), NO_DLT));

        assertThat(verdict.erp().withoutOutcome()).isEqualTo(1);
        assertThat(verdict.violations()).containsExactly("ERP: orders with no terminal outcome: 1 (must be 0)");
    }

    @Test
    void aSecondTerminalOutcomeForTheSameOrderAndTargetIsAViolation() {
        List<SyncOutcome> outcomes = new ArrayList<>(allSynced());
        outcomes.add(outcome(A, SyncTarget.CRM_2030, SyncStatus.DUPLICATE));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmStored(A, B), erpStored(A, B), NO_DLT));

        assertThat(verdict.crm().severalOutcomes()).isEqualTo(1);
        assertThat(verdict.crm().severalOneSynced()).isEqualTo(1);
        assertThat(verdict.crm().examples()).containsExactly(A + ": outcomes [SYNCED, DUPLICATE]");
        assertThat(verdict.report()).contains("e.g. CRM_2030 " + A + ": outcomes [SYNCED, DUPLICATE]");
        assertThat(verdict.crm().exactlyOneDelivered()).isEqualTo(1);
        assertThat(verdict.violations())
                .containsExactly("CRM_2030: orders with more than one terminal outcome: 1 (must be 0)");
    }

    @Test
    void aFailedOrRejectedOutcomeIsAViolation() {
        List<SyncOutcome> outcomes = List.of(synced(A, SyncTarget.CRM_2030),
                outcome(B, SyncTarget.CRM_2030, SyncStatus.FAILED), synced(A, SyncTarget.ERP),
                outcome(B, SyncTarget.ERP, SyncStatus.REJECTED));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmStored(A, B), erpStored(A, B), NO_DLT));

        assertThat(verdict.violations()).containsExactly(
                "CRM_2030: orders REJECTED or FAILED: 1 (must be 0)", "ERP: orders REJECTED or FAILED: 1 (must be 0)");
    }

    @Test
    void anyDeadLetterRecordIsAViolation() {
        Verdict verdict = SystemCheck.judge(evidence(allSynced(), crmStored(A, B), erpStored(A, B),
                Map.of(Topics.MEMBER_SYNC_DLT, 0L, Topics.ERP_SYNC_DLT, 2L)));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.violations()).singleElement().asString().startsWith("dead-letter records");
    }

    @Test
    void outcomesAndStoredOrdersOfOtherRunsAreCountedButDoNotStandInForThisRunsOrders() {
        String other = "19990101000000000001";
        List<SyncOutcome> outcomes = new ArrayList<>(allSynced());
        outcomes.add(synced(other, SyncTarget.ERP));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmStored(A, B, other), erpStored(A, B), NO_DLT));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.foreignOutcomes()).isEqualTo(1);
        assertThat(verdict.crm().unknownStored()).isEqualTo(1);
    }

    @Test
    void aLogLineWithTheFullMobileIsAViolation() {
        RunEvidence leaking = new RunEvidence(MALL, Set.of(A, B), allSynced(), NO_DLT, crmStored(A, B),
                erpStored(A, B), Map.of("ingest", 0L, "erp-sync", 3L));

        assertThat(SystemCheck.judge(leaking).violations())
                .containsExactly("erp-sync: 3 log lines with a buyer's full mobile (must be 0)");
    }

    @Test
    void aRunThatSentNothingProvesNothing() {
        RunEvidence empty = new RunEvidence(MALL, Set.of(), List.of(), NO_DLT,
                new TargetEvidence(SyncTarget.CRM_2030, SandboxStats.NONE, List.of()),
                new TargetEvidence(SyncTarget.ERP, SandboxStats.NONE, List.of()), Map.of());

        assertThat(SystemCheck.judge(empty).passed()).isFalse();
    }

    @Test
    void theOrderNumberIsFoundInsideAnXmlStringButNotAsPartOfALongerNumber() {
        String erpEntry = "{\"OuterTradeID\":\"6359657698853654528\",\"MasterXml\":\"<master><master OuterID=\\\""
                + A + "\\\" /></master>\",\"Other\":\"9" + B + "\"}";

        assertThat(StoredOrderRefs.sentOrdersIn(erpEntry, Set.of(A, B))).containsExactly(A);
    }

    private static RunEvidence evidence(List<SyncOutcome> outcomes, TargetEvidence crm, TargetEvidence erp,
                                        Map<String, Long> dlt) {
        return new RunEvidence(MALL, Set.of(A, B), outcomes, dlt, crm, erp, Map.of("ingest", 0L));
    }

    private static List<SyncOutcome> allSynced() {
        return List.of(synced(A, SyncTarget.CRM_2030), synced(B, SyncTarget.CRM_2030), synced(A, SyncTarget.ERP),
                synced(B, SyncTarget.ERP));
    }

    private static TargetEvidence crmStored(String... orderNos) {
        return stored(SyncTarget.CRM_2030, orderNos);
    }

    private static TargetEvidence erpStored(String... orderNos) {
        return stored(SyncTarget.ERP, orderNos);
    }

    private static TargetEvidence stored(SyncTarget target, String... orderNos) {
        // stats as a sandbox that failed to notice a double creation would report them
        long distinct = java.util.Arrays.stream(orderNos).distinct().count();
        SandboxStats stats = new SandboxStats(orderNos.length, distinct, distinct, 0, 0, 0, 0);
        return new TargetEvidence(target, stats, List.of(orderNos).stream().map(SystemCheckTest::order).toList());
    }

    private static String order(String orderNo) {
        return "{\"ShopCode\":\"MALL222\",\"Code\":\"" + orderNo + "\",\"TotalMoney\":\"3.00\"}";
    }

    private static SyncOutcome synced(String orderNo, SyncTarget target) {
        return outcome(orderNo, target, SyncStatus.SYNCED);
    }

    private static SyncOutcome outcome(String orderNo, SyncTarget target, SyncStatus status) {
        return new SyncOutcome(UUID.randomUUID(), MALL, orderNo, target, status, "ref", 1, null, Instant.now());
    }
}
