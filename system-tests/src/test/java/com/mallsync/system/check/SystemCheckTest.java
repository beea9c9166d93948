package com.mallsync.system.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.lifecycle.OrderState;
import com.mallsync.stack.lifecycle.OrderStory;

/**
 * Order A: paid, confirmed, line 11 refunded (CRM: PAID SKIPPED, the sale at CONFIRMED, a return row; ERP: the sale,
 * CONFIRMED SKIPPED, a return). Order B: paid, cancelled before confirmation (CRM: both SKIPPED, nothing held; ERP:
 * the sale and one return).
 */
class SystemCheckTest {

    private static final long MALL = 222;
    private static final String A = "20261123000000000001";
    private static final String B = "20261123000000000002";
    private static final long LINE = 11;
    private static final Map<String, Long> NO_DLT = Map.of(Topics.MEMBER_SYNC_DLT, 0L, Topics.ERP_SYNC_DLT, 0L);
    private static final Map<String, OrderStory> STORIES = Map.of(
            A, new OrderStory(List.of(LINE, 12L), List.of(OrderState.PAID, OrderState.PAID.withConfirmed(),
                    OrderState.PAID.withConfirmed().withRefunded(LINE))),
            B, new OrderStory(List.of(21L), List.of(OrderState.PAID, OrderState.PAID.withCancelled())));

    @Test
    void aCleanLifecycleRunWithOneOutcomePerEventPerTargetAndEachSaleAndReturnHeldOncePasses() {
        Verdict verdict = SystemCheck.judge(evidence(clean(), crmClean(), erpClean(), NO_DLT));

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.eventsSent()).isEqualTo(5);
        for (TargetVerdict target : List.of(verdict.crm(), verdict.erp())) {
            assertThat(target.eventsExpected()).isEqualTo(5);
            assertThat(target.exactlyOneAsExpected()).isEqualTo(5);
        }
        assertThat(verdict.crm().salesExpected()).isEqualTo(1);
        assertThat(verdict.crm().returnsExpected()).isEqualTo(1);
        assertThat(verdict.erp().salesExpected()).isEqualTo(2);
        assertThat(verdict.erp().returnsExpected()).isEqualTo(2);
        assertThat(verdict.report()).contains("PASS");
    }

    @Test
    void aCrmOwedNothingPassesEmpty() {
        List<SyncOutcome> onlyB = clean().stream().filter(o -> o.orderNo().equals(B)).toList();
        RunEvidence evidence = new RunEvidence(MALL, Map.of(B, STORIES.get(B)), OrderEvent.CONFIRMED, onlyB, NO_DLT,
                target(SyncTarget.CRM_2030, List.of()),
                target(SyncTarget.ERP, List.of(erpSale(B), erpReturn(B, B + "C"))), Map.of());

        Verdict verdict = SystemCheck.judge(evidence);

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.crm().salesExpected() + verdict.crm().returnsExpected()).isZero();
    }

    @Test
    void aSaleTheCrmHoldsForAnOrderCancelledBeforeConfirmationIsASaleNotOwed() {
        List<String> crm = new ArrayList<>(crmClean().storedOrders());
        crm.add(crmSale(B));

        Verdict verdict = SystemCheck.judge(evidence(clean(), target(SyncTarget.CRM_2030, crm), erpClean(), NO_DLT));

        assertThat(verdict.violations()).containsExactly("CRM_2030: sales held beyond those owed: 1 (must be 0)");
    }

    @Test
    void aReturnStoredTwiceIsADuplicateAndAReturnNeverStoredIsLost() {
        List<String> twice = new ArrayList<>(erpClean().storedOrders());
        twice.add(erpReturn(B, B + "C"));
        List<String> lost = new ArrayList<>(erpClean().storedOrders());
        lost.remove(erpReturn(A, A + "R11"));

        Verdict doubled = SystemCheck.judge(evidence(clean(), crmClean(), target(SyncTarget.ERP, twice), NO_DLT));
        Verdict missing = SystemCheck.judge(evidence(clean(), crmClean(), target(SyncTarget.ERP, lost), NO_DLT));

        assertThat(doubled.violations()).containsExactly("ERP: duplicate stored copies: 1 (must be 0)");
        assertThat(doubled.erp().doubledNotFlagged()).isEqualTo(1);
        assertThat(missing.violations()).containsExactly("ERP: returns missing in the sandbox (lost): 1 (must be 0)");
    }

    @Test
    void anUploadAtPaymentWhereTheRulesSaySkippedIsAnOutcomeTheRulesDoNotAllow() {
        List<SyncOutcome> outcomes = new ArrayList<>(clean());
        outcomes.removeIf(o -> o.orderNo().equals(A) && o.event() == OrderEvent.PAID && o.target() == SyncTarget.CRM_2030);
        outcomes.add(outcome(A, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SYNCED));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmClean(), erpClean(), NO_DLT));

        assertThat(verdict.violations())
                .containsExactly("CRM_2030: events with an outcome the lifecycle rules do not allow: 1 (must be 0)");
        assertThat(verdict.crm().examples()).anyMatch(e -> e.contains(A + " PAID: outcomes [SYNCED] (expected SKIPPED)"));
    }

    @Test
    void anEventWithoutOutcomeASecondOutcomeAndAnOutcomeOfAnEventNeverPushedAreViolations() {
        List<SyncOutcome> outcomes = new ArrayList<>(clean());
        outcomes.removeIf(o -> o.orderNo().equals(B) && o.event() == OrderEvent.CANCELLED
                && o.target() == SyncTarget.ERP);
        outcomes.add(outcome(A, OrderEvent.REFUNDED, LINE, SyncTarget.CRM_2030, SyncStatus.DUPLICATE));
        outcomes.add(outcome(A, OrderEvent.CANCELLED, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmClean(), erpClean(), NO_DLT));

        assertThat(verdict.violations()).containsExactlyInAnyOrder(
                "CRM_2030: events with more than one terminal outcome: 1 (must be 0)",
                "CRM_2030: outcomes of events that were not pushed: 1 (must be 0)",
                "ERP: events with no terminal outcome: 1 (must be 0)");
        assertThat(verdict.crm().severalOneSynced()).isEqualTo(1);
    }

    @Test
    void aRejectedReturnIsAViolationAndCounted() {
        List<SyncOutcome> outcomes = new ArrayList<>(clean());
        outcomes.removeIf(o -> o.orderNo().equals(A) && o.event() == OrderEvent.REFUNDED && o.target() == SyncTarget.ERP);
        outcomes.add(outcome(A, OrderEvent.REFUNDED, LINE, SyncTarget.ERP, SyncStatus.REJECTED));
        List<String> erp = new ArrayList<>(erpClean().storedOrders());
        erp.remove(erpReturn(A, A + "R11"));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, crmClean(), target(SyncTarget.ERP, erp), NO_DLT));

        assertThat(verdict.erp().rejectedOrFailed()).isEqualTo(1);
        assertThat(verdict.violations()).containsExactlyInAnyOrder(
                "ERP: returns missing in the sandbox (lost): 1 (must be 0)",
                "ERP: events with an outcome the lifecycle rules do not allow: 1 (must be 0)");
    }

    @Test
    void theSandboxsOwnDoubleCreationCountAndAnyDeadLetterRecordAreViolations() {
        TargetEvidence erp = new TargetEvidence(SyncTarget.ERP, new SandboxStats(5, 4, 5, 1, 0, 0, 0, 2, 2),
                erpClean().storedOrders());

        Verdict verdict = SystemCheck.judge(evidence(clean(), crmClean(), erp,
                Map.of(Topics.MEMBER_SYNC_DLT, 0L, Topics.ERP_SYNC_DLT, 2L)));

        assertThat(verdict.violations()).hasSize(2)
                .contains("ERP: double creations reported by the sandbox: 1 (must be 0)")
                .anyMatch(v -> v.startsWith("dead-letter records"));
    }

    @Test
    void outcomesAndStoredOrdersOfOtherRunsAreCountedButDoNotStandInForThisRunsOrders() {
        String other = "19990101000000000001";
        List<SyncOutcome> outcomes = new ArrayList<>(clean());
        outcomes.add(outcome(other, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED));
        List<String> crm = new ArrayList<>(crmClean().storedOrders());
        crm.add(crmSale(other));

        Verdict verdict = SystemCheck.judge(evidence(outcomes, target(SyncTarget.CRM_2030, crm), erpClean(), NO_DLT));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.foreignOutcomes()).isEqualTo(1);
        assertThat(verdict.crm().unknownStored()).isEqualTo(1);
    }

    @Test
    void aLogLineWithTheFullMobileIsAViolationAndARunThatSentNothingProvesNothing() {
        RunEvidence leaking = new RunEvidence(MALL, STORIES, OrderEvent.CONFIRMED, clean(), NO_DLT, crmClean(),
                erpClean(), Map.of("ingest", 0L, "erp-sync", 3L));
        RunEvidence empty = new RunEvidence(MALL, Map.of(), OrderEvent.CONFIRMED, List.of(), NO_DLT,
                new TargetEvidence(SyncTarget.CRM_2030, SandboxStats.NONE, List.of()),
                new TargetEvidence(SyncTarget.ERP, SandboxStats.NONE, List.of()), Map.of());

        assertThat(SystemCheck.judge(leaking).violations())
                .containsExactly("erp-sync: 3 log lines with a buyer's full mobile (must be 0)");
        assertThat(SystemCheck.judge(empty).passed()).isFalse();
    }

    @Test
    void aStoredEntryIsTheSaleOrAReturnOfTheOrderItsFieldsName() {
        Set<String> sent = Set.of(A, B);
        assertThat(StoredOrderRefs.of(SyncTarget.ERP, erpReturn(A, "X9"), sent)).hasValueSatisfying(s -> {
            assertThat(s.orderNo()).isEqualTo(A);
            assertThat(s.kind()).isEqualTo(StoredOrderRefs.Kind.RETURN);
        });
        assertThat(StoredOrderRefs.of(SyncTarget.CRM_2030, crmReturn(A, "RX1"), sent))
                .hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(StoredOrderRefs.Kind.RETURN));
        assertThat(StoredOrderRefs.of(SyncTarget.CRM_2030, crmSale(B), sent))
                .hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(StoredOrderRefs.Kind.SALE));
        String erpEntry = "{\"OuterTradeID\":\"6359657698853654528\",\"MasterXml\":\"<master><master OuterID=\\\""
                + A + "\\\" /></master>\",\"Other\":\"9" + B + "\"}";
        assertThat(StoredOrderRefs.sentOrdersIn(erpEntry, Set.of(A, B))).containsExactly(A);
    }

    private static RunEvidence evidence(List<SyncOutcome> outcomes, TargetEvidence crm, TargetEvidence erp,
                                        Map<String, Long> dlt) {
        return new RunEvidence(MALL, STORIES, OrderEvent.CONFIRMED, outcomes, dlt, crm, erp, Map.of("ingest", 0L));
    }

    /** Every event's outcome at each target, as the rules say. */
    private static List<SyncOutcome> clean() {
        return List.of(
                outcome(A, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED),
                outcome(A, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED),
                outcome(A, OrderEvent.CONFIRMED, null, SyncTarget.CRM_2030, SyncStatus.SYNCED),
                outcome(A, OrderEvent.CONFIRMED, null, SyncTarget.ERP, SyncStatus.SKIPPED),
                outcome(A, OrderEvent.REFUNDED, LINE, SyncTarget.CRM_2030, SyncStatus.SYNCED),
                outcome(A, OrderEvent.REFUNDED, LINE, SyncTarget.ERP, SyncStatus.DUPLICATE),
                outcome(B, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED),
                outcome(B, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED),
                outcome(B, OrderEvent.CANCELLED, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED),
                outcome(B, OrderEvent.CANCELLED, null, SyncTarget.ERP, SyncStatus.SYNCED));
    }

    private static TargetEvidence crmClean() {
        return target(SyncTarget.CRM_2030, List.of(crmSale(A), crmReturn(A, A + "R11")));
    }

    private static TargetEvidence erpClean() {
        return target(SyncTarget.ERP, List.of(erpSale(A), erpReturn(A, A + "R11"), erpSale(B), erpReturn(B, B + "C")));
    }

    private static TargetEvidence target(SyncTarget target, List<String> entries) {
        long distinct = entries.stream().distinct().count();
        return new TargetEvidence(target, new SandboxStats(entries.size(), distinct, distinct, 0, 0, 0, 0), entries);
    }

    private static String crmSale(String orderNo) {
        return "{\"shopCode\":\"MALL222\",\"code\":\"" + orderNo + "\",\"originalCode\":null,\"order\":{\"Code\":\""
                + orderNo + "\",\"TotalMoney\":3.00}}";
    }

    private static String crmReturn(String orderNo, String code) {
        return "{\"shopCode\":\"MALL222\",\"code\":\"" + code + "\",\"originalCode\":\"" + orderNo
                + "\",\"order\":{\"Code\":\"" + code + "\",\"OriginalCode\":\"" + orderNo + "\",\"TotalMoney\":-1.00}}";
    }

    private static String erpSale(String orderNo) {
        return "{\"uid\":\"demo-uid-222\",\"outerId\":\"" + orderNo + "\",\"th\":0,\"master\":{\"TradeID\":\""
                + orderNo + "\",\"OuterID\":\"" + orderNo + "\"}}";
    }

    private static String erpReturn(String orderNo, String outerId) {
        return "{\"uid\":\"demo-uid-222\",\"outerId\":\"" + outerId + "\",\"th\":1,\"master\":{\"TradeID\":\""
                + orderNo + "\",\"OuterID\":\"" + outerId + "\"}}";
    }

    private static SyncOutcome outcome(String orderNo, OrderEvent event, Long line, SyncTarget target,
                                       SyncStatus status) {
        return new SyncOutcome(event.eventId(MALL, orderNo, line), MALL, orderNo, target, status, "ref", 1,
                status == SyncStatus.SKIPPED ? "by rule" : null, Instant.now(), event, line);
    }
}
