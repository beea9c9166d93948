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

    private static SyncOutcome outcome(String orderNo, SyncTarget target, SyncStatus status, Instant at) {
        return new SyncOutcome(UUID.nameUUIDFromBytes(orderNo.getBytes()), 222, orderNo, target, status,
                status == SyncStatus.SYNCED ? "ERP1" : null, 1, status == SyncStatus.SKIPPED ? "upload on CONFIRMED"
                : null, at, null, null);
    }
}
