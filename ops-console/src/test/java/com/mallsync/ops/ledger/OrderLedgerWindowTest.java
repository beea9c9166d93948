package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.Window;
import com.mallsync.testsupport.MovingClock;

/**
 * The ledger bounded by its window: an order is forgotten once none of its records is within the window (by record
 * time), and only then; its problems go with the window too; the record totals stay what was read.
 */
class OrderLedgerWindowTest {

    private static final Duration WINDOW = Duration.ofDays(60);

    private final MovingClock clock = new MovingClock();
    private final OrderLedger ledger = new OrderLedger(10, new Window.Last(WINDOW, clock));

    @Test
    void anOrderIsForgottenWhenItsLatestRecordIsOlderThanTheWindowAndNotBefore() {
        Instant start = clock.now;
        ledger.published("222:old", EventRef.PAID, null, start, start.toEpochMilli());
        ledger.outcome(OrderLedgerTest.outcome("old", SyncTarget.ERP, SyncStatus.SYNCED, start),
                start.toEpochMilli());
        clock.now = start.plus(Duration.ofDays(10));
        ledger.published("222:young", EventRef.PAID, null, clock.now, clock.now.toEpochMilli());

        clock.now = start.plus(WINDOW);
        assertThat(ledger.evictExpired()).as("exactly as old as the window: kept").isZero();
        assertThat(ledger.orderCount()).isEqualTo(2);

        clock.now = start.plus(WINDOW).plusMillis(1);
        assertThat(ledger.evictExpired()).isEqualTo(1);
        assertThat(ledger.orderCount()).isEqualTo(1);
        assertThat(ledger.keys("old", 10)).isEmpty();
        assertThat(ledger.events("222:old", clock.now, Duration.ofMinutes(5))).isEmpty();
        assertThat(ledger.receivedAt("222:young")).isEqualTo(start.plus(Duration.ofDays(10)));
        assertThat(ledger.pending(SyncTarget.ERP)).as("the young order still waits for the ERP").isEqualTo(1);
        assertThat(ledger.paidRecords()).as("records read stay counted").isEqualTo(2);
        assertThat(ledger.total(SyncTarget.ERP, SyncStatus.SYNCED)).isEqualTo(1);
    }

    @Test
    void aRecentEventKeepsTheWholeOrderWithItsOlderEvents() {
        Instant paid = clock.now;
        ledger.published("222:r", EventRef.PAID, null, paid, paid.toEpochMilli());
        clock.now = paid.plus(Duration.ofDays(45));
        ledger.published("222:r", new EventRef(OrderEvent.REFUNDED, 7L), null, clock.now, clock.now.toEpochMilli());

        clock.now = paid.plus(Duration.ofDays(61));
        assertThat(ledger.evictExpired()).isZero();
        assertThat(ledger.events("222:r", clock.now, Duration.ofMinutes(5))).extracting(EventView::event)
                .containsExactly(OrderEvent.PAID, OrderEvent.REFUNDED);

        clock.now = paid.plus(Duration.ofDays(106));
        assertThat(ledger.evictExpired()).isEqualTo(1);
        assertThat(ledger.orderCount()).isZero();
        assertThat(ledger.eventCount()).isZero();
    }

    @Test
    void anOrderOverdueOrAwaitingLongerThanTheWindowIsNoLongerListed() {
        Instant paid = clock.now;
        ledger.published("222:late", EventRef.PAID, null, paid, paid.toEpochMilli());
        ledger.published("222:waits", EventRef.PAID, null, paid, paid.toEpochMilli());
        SyncOutcome skipped = OrderLedgerTest.outcome("waits", SyncTarget.CRM_2030, SyncStatus.SKIPPED, paid);
        ledger.outcome(skipped, paid.toEpochMilli());
        clock.now = paid.plus(Duration.ofDays(30));
        assertThat(ledger.overdue(clock.now, Duration.ofMinutes(5))).extracting(OrderLedger.Overdue::key)
                .contains("222:late");
        assertThat(ledger.awaitingConfirmation(clock.now)).extracting(OrderLedger.Awaiting::key)
                .containsExactly("222:waits");

        clock.now = paid.plus(Duration.ofDays(61));
        ledger.evictExpired();
        assertThat(ledger.overdue(clock.now, Duration.ofMinutes(5))).isEmpty();
        assertThat(ledger.awaitingConfirmation(clock.now)).isEmpty();
    }

    @Test
    void eachOrderGoesByItsRecordsTimeNotByTheTimesInsideThem() {
        Instant accepted = clock.now.minus(Duration.ofDays(90));
        // a replay written now of an event ingest accepted 90 days ago: its record is new, so the order stays
        ledger.published("222:replayed", EventRef.PAID, null, accepted, clock.now.toEpochMilli());
        assertThat(ledger.evictExpired()).isZero();
        assertThat(ledger.receivedAt("222:replayed")).isEqualTo(accepted);
    }

    @Test
    void problemsDecidedBeforeTheWindowAreForgottenWithIt() {
        Instant start = clock.now;
        ledger.outcome(OrderLedgerTest.outcome("p1", SyncTarget.ERP, SyncStatus.REJECTED, start),
                start.toEpochMilli());
        clock.now = start.plus(Duration.ofDays(20));
        ledger.outcome(OrderLedgerTest.outcome("p2", SyncTarget.ERP, SyncStatus.FAILED, clock.now),
                clock.now.toEpochMilli());

        clock.now = start.plus(Duration.ofDays(70));
        ledger.evictExpired();
        assertThat(ledger.problems()).extracting(SyncOutcome::orderNo).containsExactly("p2");
    }

    @Test
    void aLedgerOfTheWholeTopicsForgetsNothing() {
        OrderLedger whole = new OrderLedger(10);
        Instant longAgo = clock.now.minus(Duration.ofDays(400));
        whole.published("222:ancient", EventRef.PAID, null, longAgo, longAgo.toEpochMilli());
        assertThat(whole.evictExpired()).isZero();
        assertThat(whole.orderCount()).isEqualTo(1);
        assertThat(whole.window()).isEqualTo(Window.all());
    }
}
