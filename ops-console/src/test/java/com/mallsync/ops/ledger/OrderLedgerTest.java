package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

class OrderLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
    private final OrderLedger ledger = new OrderLedger(3);

    @Test
    void countsOutcomesPerTargetAndStatusWithinEachWindow() {
        ledger.outcome(outcome("1", SyncTarget.ERP, SyncStatus.SYNCED, NOW.minusSeconds(30)));
        ledger.outcome(outcome("2", SyncTarget.ERP, SyncStatus.SYNCED, NOW.minus(Duration.ofMinutes(30))));
        ledger.outcome(outcome("3", SyncTarget.CRM_2030, SyncStatus.REJECTED, NOW.minus(Duration.ofHours(3))));
        ledger.outcome(outcome("4", SyncTarget.CRM_2030, SyncStatus.SYNCED, NOW.minus(Duration.ofHours(30))));

        assertThat(ledger.counts(NOW, Duration.ofMinutes(5)).get(SyncTarget.ERP).get(SyncStatus.SYNCED)).isEqualTo(1);
        assertThat(ledger.counts(NOW, Duration.ofHours(1)).get(SyncTarget.ERP).get(SyncStatus.SYNCED)).isEqualTo(2);
        assertThat(ledger.counts(NOW, Duration.ofHours(1)).get(SyncTarget.CRM_2030).get(SyncStatus.REJECTED)).isZero();
        assertThat(ledger.counts(NOW, Duration.ofHours(24)).get(SyncTarget.CRM_2030).get(SyncStatus.REJECTED)).isEqualTo(1);
        assertThat(ledger.counts(NOW, Duration.ofHours(24)).get(SyncTarget.CRM_2030).get(SyncStatus.SYNCED)).isZero();
        assertThat(ledger.total(SyncTarget.CRM_2030, SyncStatus.SYNCED)).isEqualTo(1);
    }

    @Test
    void anOrderWithoutAnOutcomeForATargetAfterTheLimitIsOverdueWithItsAge() {
        ledger.paid("222:old", NOW.minus(Duration.ofMinutes(10)));
        ledger.paid("222:young", NOW.minus(Duration.ofMinutes(1)));
        ledger.paid("222:done", NOW.minus(Duration.ofMinutes(20)));
        ledger.outcome(outcome("old", SyncTarget.CRM_2030, SyncStatus.SYNCED, NOW.minus(Duration.ofMinutes(9))));
        ledger.outcome(outcome("done", SyncTarget.CRM_2030, SyncStatus.SYNCED, NOW.minus(Duration.ofMinutes(19))));
        ledger.outcome(outcome("done", SyncTarget.ERP, SyncStatus.REJECTED, NOW.minus(Duration.ofMinutes(19))));

        var overdue = ledger.overdue(NOW, Duration.ofMinutes(5));

        assertThat(overdue).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("222:old");
            assertThat(o.target()).isEqualTo(SyncTarget.ERP);
            assertThat(o.age()).isEqualTo(Duration.ofMinutes(10));
        });
        assertThat(ledger.pending(SyncTarget.ERP)).isEqualTo(2);
    }

    @Test
    void anOutcomeReadBeforeItsPaidRecordStillClosesTheOrder() {
        ledger.outcome(outcome("x", SyncTarget.ERP, SyncStatus.SYNCED, NOW));
        ledger.outcome(outcome("x", SyncTarget.CRM_2030, SyncStatus.DUPLICATE, NOW));
        ledger.paid("222:x", NOW.minus(Duration.ofHours(1)));
        assertThat(ledger.overdue(NOW, Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aReplayedPaidRecordKeepsTheFirstPaidTime() {
        ledger.paid("222:r", NOW.minus(Duration.ofMinutes(30)));
        ledger.paid("222:r", NOW);
        assertThat(ledger.overdue(NOW, Duration.ofMinutes(5))).extracting(OrderLedger.Overdue::age)
                .containsOnly(Duration.ofMinutes(30));
    }

    @Test
    void keepsTheLatestProblemsNewestFirstAndOnlyProblems() {
        for (int i = 0; i < 5; i++) {
            ledger.outcome(outcome("p" + i, SyncTarget.ERP, i % 2 == 0 ? SyncStatus.REJECTED : SyncStatus.FAILED,
                    NOW.plusSeconds(i)));
        }
        ledger.outcome(outcome("ok", SyncTarget.ERP, SyncStatus.SYNCED, NOW));
        assertThat(ledger.problems()).extracting(SyncOutcome::orderNo).containsExactly("p4", "p3", "p2");
    }

    @Test
    void aSyncedOrderFlaggedInDoubtIsListedWithTheProblems() {
        ledger.outcome(outcome("ok", SyncTarget.ERP, SyncStatus.SYNCED, NOW));
        ledger.outcome(new SyncOutcome(UUID.randomUUID(), 222, "doubt", SyncTarget.ERP, SyncStatus.SYNCED, "ref", 2,
                SyncOutcome.IN_DOUBT + ": attempt 1 got no reply", NOW));
        assertThat(ledger.problems()).extracting(SyncOutcome::orderNo).containsExactly("doubt");
    }

    static SyncOutcome outcome(String orderNo, SyncTarget target, SyncStatus status, Instant at) {
        return new SyncOutcome(UUID.randomUUID(), 222, orderNo, target, status, "ref", 1,
                status.delivered() ? null : "because", at);
    }
}
