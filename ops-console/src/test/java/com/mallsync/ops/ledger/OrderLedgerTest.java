package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderEvent;
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

    @Test
    void eachEventOfAnOrderHasItsOwnOutcomePerTargetAndAnotherEventsOutcomeDoesNotCloseIt() {
        Instant paid = NOW.minus(Duration.ofMinutes(30));
        Instant confirmed = NOW.minus(Duration.ofMinutes(20));
        Instant refunded = NOW.minus(Duration.ofMinutes(10));
        ledger.published("222:m", EventRef.PAID, null, paid);
        ledger.outcome(outcome("m", OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, paid.plusSeconds(1)));
        ledger.outcome(outcome("m", OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, paid.plusSeconds(1)));
        ledger.published("222:m", CONFIRMED, null, confirmed);
        ledger.outcome(outcome("m", OrderEvent.CONFIRMED, null, SyncTarget.ERP, SyncStatus.SKIPPED, confirmed));
        ledger.outcome(outcome("m", OrderEvent.CONFIRMED, null, SyncTarget.CRM_2030, SyncStatus.SYNCED, confirmed));
        ledger.published("222:m", new EventRef(OrderEvent.REFUNDED, 8L), null, refunded);
        ledger.published("222:m", new EventRef(OrderEvent.REFUNDED, 7L), null, refunded);
        ledger.outcome(outcome("m", OrderEvent.REFUNDED, 7L, SyncTarget.ERP, SyncStatus.SYNCED, refunded));
        ledger.outcome(outcome("m", OrderEvent.REFUNDED, 7L, SyncTarget.CRM_2030, SyncStatus.SYNCED, refunded));
        ledger.outcome(outcome("m", OrderEvent.REFUNDED, 8L, SyncTarget.ERP, SyncStatus.SYNCED, refunded));

        List<EventView> events = ledger.events("222:m", NOW, Duration.ofMinutes(5));

        assertThat(events).extracting(e -> new EventRef(e.event(), e.line()).label())
                .containsExactly("PAID", "CONFIRMED", "REFUNDED line 7", "REFUNDED line 8");
        assertThat(events.get(0).outcomes().get(SyncTarget.CRM_2030).status()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(events.get(0).outcomes().get(SyncTarget.ERP).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(events.get(1).outcomes().get(SyncTarget.CRM_2030).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(events.get(2).waiting()).isEmpty();
        assertThat(events.get(3).outcomes()).containsOnlyKeys(SyncTarget.ERP);
        assertThat(events.get(3).overdue()).containsExactly(SyncTarget.CRM_2030);
        // line 7's CRM outcome (same order, same event type) does not close line 8
        assertThat(ledger.overdue(NOW, Duration.ofMinutes(5))).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("222:m");
            assertThat(o.event()).isEqualTo(OrderEvent.REFUNDED);
            assertThat(o.line()).isEqualTo(8L);
            assertThat(o.target()).isEqualTo(SyncTarget.CRM_2030);
            assertThat(o.age()).isEqualTo(Duration.ofMinutes(10));
        });
        assertThat(ledger.pending(SyncTarget.CRM_2030)).isEqualTo(1);
        assertThat(ledger.receivedAt("222:m")).isEqualTo(paid);
        assertThat(ledger.orderCount()).isEqualTo(1);
        assertThat(ledger.eventCount()).isEqualTo(4);
        assertThat(ledger.awaitingConfirmation(NOW)).as("confirmed").isEmpty();
    }

    @Test
    void aPaidOrderTheCrmSkippedUntilConfirmationIsAwaitingNotOverdueAndOneWithAnUnansweredEventIsOverdue() {
        Instant old = NOW.minus(Duration.ofMinutes(30));
        // awaiting: sale at the ERP, CRM waits for CONFIRMED
        ledger.paid("222:awaits", old);
        ledger.outcome(outcome("awaits", OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, old));
        ledger.outcome(new SyncOutcome(UUID.randomUUID(), 222, "awaits", SyncTarget.CRM_2030, SyncStatus.SKIPPED, null,
                0, "uploads on CONFIRMED", old, OrderEvent.PAID, null));
        // awaiting too: a line refunded before the confirmation changes nothing at the CRM
        ledger.paid("222:refunded", old);
        ledger.outcome(outcome("refunded", OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, old));
        ledger.outcome(outcome("refunded", OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, old));
        ledger.published("222:refunded", new EventRef(OrderEvent.REFUNDED, 3L), null, old);
        ledger.outcome(outcome("refunded", OrderEvent.REFUNDED, 3L, SyncTarget.ERP, SyncStatus.SYNCED, old));
        ledger.outcome(outcome("refunded", OrderEvent.REFUNDED, 3L, SyncTarget.CRM_2030, SyncStatus.SKIPPED, old));
        // confirmed, but the CRM has not answered the confirmation: overdue there, no longer awaiting
        ledger.paid("222:confirmed", old);
        ledger.outcome(outcome("confirmed", OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, old));
        ledger.outcome(outcome("confirmed", OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, old));
        ledger.published("222:confirmed", CONFIRMED, null, NOW.minus(Duration.ofMinutes(8)));
        ledger.outcome(outcome("confirmed", OrderEvent.CONFIRMED, null, SyncTarget.ERP, SyncStatus.SKIPPED, NOW));
        // cancelled before the confirmation: settled everywhere, neither
        ledger.paid("222:cancelled", old);
        ledger.outcome(outcome("cancelled", OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, old));
        ledger.outcome(outcome("cancelled", OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, old));
        ledger.published("222:cancelled", new EventRef(OrderEvent.CANCELLED, null), null, old);
        ledger.outcome(outcome("cancelled", OrderEvent.CANCELLED, null, SyncTarget.ERP, SyncStatus.SYNCED, old));
        ledger.outcome(outcome("cancelled", OrderEvent.CANCELLED, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, old));
        // no CRM outcome at all for its sale: overdue, not awaiting
        ledger.paid("222:silent", old);
        ledger.outcome(outcome("silent", OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, old));

        assertThat(ledger.awaitingConfirmation(NOW)).extracting(OrderLedger.Awaiting::key)
                .containsExactly("222:awaits", "222:refunded");
        assertThat(ledger.awaitingConfirmation(NOW).get(0)).satisfies(a -> {
            assertThat(a.paidAt()).isEqualTo(old);
            assertThat(a.age()).isEqualTo(Duration.ofMinutes(30));
            assertThat(a.reason()).isEqualTo("uploads on CONFIRMED");
        });
        assertThat(ledger.awaitingConfirmation("222:awaits", NOW)).isTrue();
        assertThat(ledger.awaitingConfirmation("222:confirmed", NOW)).isFalse();
        assertThat(ledger.overdue(NOW, Duration.ofMinutes(5)))
                .extracting(o -> o.key() + " " + o.event() + " " + o.target())
                .containsExactly("222:silent PAID CRM_2030", "222:confirmed CONFIRMED CRM_2030");
        assertThat(ledger.problems()).as("SKIPPED is settled, not a problem").isEmpty();
    }

    @Test
    void aLegacyOutcomeWithoutEventAnswersThePaidEvent() {
        ledger.paid("222:v1", NOW.minus(Duration.ofHours(1)));
        ledger.outcome(Json.read("{\"eventId\":\"" + UUID.randomUUID() + "\",\"mallId\":222,\"orderNo\":\"v1\","
                + "\"target\":\"ERP\",\"status\":\"SYNCED\",\"attempts\":1,\"at\":\"" + NOW + "\"}", SyncOutcome.class));
        assertThat(ledger.events("222:v1", NOW, Duration.ofMinutes(5))).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(OrderEvent.PAID);
            assertThat(e.outcomes()).containsOnlyKeys(SyncTarget.ERP);
            assertThat(e.overdue()).containsExactly(SyncTarget.CRM_2030);
        });
    }

    private static final EventRef CONFIRMED = new EventRef(OrderEvent.CONFIRMED, null);

    static SyncOutcome outcome(String orderNo, OrderEvent event, Long line, SyncTarget target, SyncStatus status,
                               Instant at) {
        return new SyncOutcome(UUID.randomUUID(), 222, orderNo, target, status, "ref", 1,
                status.delivered() ? null : "because", at, event, line);
    }

    static SyncOutcome outcome(String orderNo, SyncTarget target, SyncStatus status, Instant at) {
        return new SyncOutcome(UUID.randomUUID(), 222, orderNo, target, status, "ref", 1,
                status.delivered() ? null : "because", at);
    }
}
