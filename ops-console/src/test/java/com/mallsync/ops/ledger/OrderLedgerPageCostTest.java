package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * What a page asks the ledger (overdue, pending, awaiting, event count) costs the orders that wait, not the orders
 * kept: 20,000 settled orders beside 3 waiting and 2 awaiting confirmation, and the scans unpack those 5 only (the
 * answers are checked too, so a scan that skips orders it should see fails as well).
 */
class OrderLedgerPageCostTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(5);

    @Test
    void aPageUnpacksOnlyTheOrdersThatWaitNotEveryOrderKept() {
        OrderLedger ledger = new OrderLedger(10);
        for (int i = 0; i < 20_000; i++) {
            String no = Integer.toString(100_000 + i);
            Instant paid = NOW.minus(Duration.ofDays(3)).plusSeconds(i);
            ledger.paid("222:" + no, paid);
            ledger.outcome(outcome(no, SyncTarget.CRM_2030, SyncStatus.SYNCED, paid.plusSeconds(2)));
            ledger.outcome(outcome(no, SyncTarget.ERP, SyncStatus.SYNCED, paid.plusSeconds(2)));
        }
        for (String no : new String[] {"9001", "9002", "9003"}) {
            ledger.paid("222:" + no, NOW.minus(Duration.ofMinutes(10)));
        }
        for (String no : new String[] {"8001", "8002"}) {
            Instant paid = NOW.minus(Duration.ofHours(no.equals("8001") ? 5 : 2));
            ledger.paid("222:" + no, paid);
            ledger.outcome(outcome(no, SyncTarget.CRM_2030, SyncStatus.SKIPPED, paid.plusSeconds(2)));
            ledger.outcome(outcome(no, SyncTarget.ERP, SyncStatus.SYNCED, paid.plusSeconds(2)));
        }
        long before = ledger.scannedOrders();

        assertThat(ledger.eventCount()).isEqualTo(20_005);
        assertThat(ledger.overdue(NOW, AFTER)).hasSize(6);
        assertThat(ledger.pending(SyncTarget.ERP)).isEqualTo(3);
        assertThat(ledger.awaitingCount()).isEqualTo(2);
        assertThat(ledger.awaitingConfirmation(NOW, 1)).singleElement()
                .satisfies(a -> assertThat(a.key()).isEqualTo("222:8001"));

        assertThat(ledger.scannedOrders() - before).as("orders unpacked by five page questions")
                .isEqualTo(3 + 3 + 2);
    }

    /** The order search by number looks up {@code mall:no} per mall seen: it walks no order. */
    @Test
    void aSearchByOrderNumberLooksUpEachMallInsteadOfWalkingEveryOrder() {
        OrderLedger ledger = new OrderLedger(10);
        for (int i = 0; i < 20_000; i++) {
            ledger.paid((i % 2 == 0 ? "222:" : "305:") + (100_000 + i / 2), NOW);
        }
        long before = ledger.scannedOrders();

        assertThat(ledger.keys("100007", 10)).containsExactlyInAnyOrder("222:100007", "305:100007");
        assertThat(ledger.keys("100007", 1)).hasSize(1);
        assertThat(ledger.keys("222:100007", 10)).containsExactly("222:100007");
        assertThat(ledger.keys("99", 10)).isEmpty();
        assertThat(ledger.scannedOrders() - before).as("orders walked by four searches").isZero();

        // an order number may hold a colon itself (ingest accepts any printable character but spaces)
        ledger.paid("222:A:1", NOW);
        ledger.paid("305:222:A", NOW);
        assertThat(ledger.keys("A:1", 10)).containsExactly("222:A:1");
        assertThat(ledger.keys("222:A", 10)).containsExactly("305:222:A");
    }

    /** Past {@link OrderLedger#MAX_MALLS} mall ids the search falls back to the walk, and still finds every match. */
    @Test
    void withMoreMallsThanItRemembersTheSearchWalksAndStillFinds() {
        OrderLedger ledger = new OrderLedger(10);
        for (int m = 0; m <= OrderLedger.MAX_MALLS; m++) {
            ledger.paid(m + ":42", NOW);
            ledger.paid(m + ":" + (1000 + m), NOW);
        }
        long before = ledger.scannedOrders();

        assertThat(ledger.keys("42", 1000)).hasSize(OrderLedger.MAX_MALLS + 1);
        assertThat(ledger.keys("1003", 10)).containsExactly("3:1003");
        assertThat(ledger.scannedOrders() - before).as("the walk").isEqualTo(2L * 2 * (OrderLedger.MAX_MALLS + 1));
    }

    private static SyncOutcome outcome(String orderNo, SyncTarget target, SyncStatus status, Instant at) {
        return new SyncOutcome(UUID.nameUUIDFromBytes(orderNo.getBytes()), 222, orderNo, target, status,
                status == SyncStatus.SYNCED ? "ERP1" : null, 1, status == SyncStatus.SKIPPED ? "upload on CONFIRMED"
                : null, at, null, null);
    }
}
