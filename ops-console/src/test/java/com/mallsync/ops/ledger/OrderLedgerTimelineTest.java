package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

class OrderLedgerTimelineTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");
    private final OrderLedger ledger = new OrderLedger(3);

    @Test
    void theTimelineHasEveryMinuteOfTheSpanWithTheOutcomesDecidedInIt() {
        ledger.outcome(outcome("1", SyncTarget.ERP, SyncStatus.SYNCED, NOW.minusSeconds(10)));
        ledger.outcome(outcome("2", SyncTarget.ERP, SyncStatus.SYNCED, NOW.minusSeconds(20)));
        ledger.outcome(outcome("3", SyncTarget.CRM_2030, SyncStatus.FAILED, NOW.minus(Duration.ofMinutes(2))));
        ledger.outcome(outcome("4", SyncTarget.CRM_2030, SyncStatus.SYNCED, NOW.minus(Duration.ofMinutes(90))));

        OrderLedger.Timeline timeline = ledger.timeline(NOW, Duration.ofHours(1));

        assertThat(timeline.minutes()).hasSize(60);
        assertThat(timeline.minutes()[59]).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").getEpochSecond());
        assertThat(timeline.minutes()[58] + 60).isEqualTo(timeline.minutes()[59]);
        assertThat(timeline.counts().get(SyncTarget.ERP).get(SyncStatus.SYNCED)[59]).isEqualTo(2);
        assertThat(timeline.counts().get(SyncTarget.CRM_2030).get(SyncStatus.FAILED)[57]).isEqualTo(1);
        long crmSynced = java.util.Arrays.stream(timeline.counts().get(SyncTarget.CRM_2030).get(SyncStatus.SYNCED)).sum();
        assertThat(crmSynced).as("90 minutes ago is outside the hour").isZero();
    }

    @Test
    void latencyIsMeasuredFromReceiptToTheFirstOutcomeWhicheverTopicIsReadFirst() {
        Instant now = NOW.plusSeconds(25); // all in the minute 10:00
        ledger.paid("222:a", now.minusSeconds(50));
        ledger.outcome(outcome("a", SyncTarget.ERP, SyncStatus.SYNCED, now.minusSeconds(48)));          // 2 s
        ledger.outcome(outcome("b", SyncTarget.ERP, SyncStatus.SYNCED, now.minusSeconds(20)));          // read first
        ledger.paid("222:b", now.minusSeconds(40));                                                     // 20 s
        // a replay's outcome much later is not a sample: it would measure the person, not the system
        ledger.outcome(outcome("a", SyncTarget.ERP, SyncStatus.SYNCED, now.minusSeconds(1)));

        List<LatencyMinutes.Point> erp = ledger.latency(now, Duration.ofHours(1)).get(SyncTarget.ERP);

        assertThat(erp).hasSize(1);
        assertThat(erp.get(0).count()).isEqualTo(2);
        assertThat(erp.get(0).p50Ms()).isBetween(2_000L, 2_200L);
        assertThat(erp.get(0).p99Ms()).isBetween(20_000L, 22_000L);
        assertThat(ledger.latency(now, Duration.ofHours(1)).get(SyncTarget.CRM_2030)).isEmpty();
    }

    @Test
    void latencyIsPerEventFromItsOwnReceiptSoALaterConfirmationIsNotMeasuredFromThePayment() {
        Instant now = NOW.plusSeconds(25);
        EventRef confirmed = new EventRef(OrderEvent.CONFIRMED, null);
        ledger.paid("222:c", now.minus(Duration.ofDays(3)));
        ledger.outcome(new SyncOutcome(UUID.randomUUID(), 222, "c", SyncTarget.CRM_2030, SyncStatus.SKIPPED, null, 0,
                "uploads on CONFIRMED", now.minus(Duration.ofDays(3)).plusMillis(500), OrderEvent.PAID, null));
        ledger.published("222:c", confirmed, null, now.minusSeconds(5));
        // its outcome read before the record: measured once the record is read
        ledger.outcome(new SyncOutcome(UUID.randomUUID(), 222, "c", SyncTarget.ERP, SyncStatus.SKIPPED, null, 0,
                "the ERP gets the sale at payment", now.minusSeconds(4), OrderEvent.CONFIRMED, null));
        ledger.outcome(new SyncOutcome(UUID.randomUUID(), 222, "c", SyncTarget.CRM_2030, SyncStatus.SYNCED, "b1", 1,
                null, now.minusSeconds(2), OrderEvent.CONFIRMED, null));
        ledger.published("222:c", new EventRef(OrderEvent.REFUNDED, 4L), null, now.minusSeconds(3));
        ledger.outcome(new SyncOutcome(UUID.randomUUID(), 222, "c", SyncTarget.CRM_2030, SyncStatus.SYNCED, "b2", 1,
                null, now.minusSeconds(1), OrderEvent.REFUNDED, 4L));

        List<LatencyMinutes.Point> crm = ledger.latency(now, Duration.ofHours(1)).get(SyncTarget.CRM_2030);
        List<LatencyMinutes.Point> erp = ledger.latency(now, Duration.ofHours(1)).get(SyncTarget.ERP);

        assertThat(crm).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(2); // the confirmation (3 s) and the return (2 s), not 3 days
            assertThat(p.p99Ms()).isBetween(3_000L, 3_300L);
        });
        assertThat(erp).singleElement().satisfies(p -> assertThat(p.p99Ms()).isBetween(1_000L, 1_100L));
    }

    @Test
    void keysAnswerAnOrderNumberForAnyMallAndTheWholeKey() {
        ledger.paid("222:77", NOW);
        ledger.paid("305:77", NOW);
        ledger.paid("222:177", NOW);

        assertThat(ledger.keys("77", 10)).containsExactlyInAnyOrder("222:77", "305:77");
        assertThat(ledger.keys("222:77", 10)).containsExactly("222:77");
        assertThat(ledger.keys("7", 10)).isEmpty();
        assertThat(ledger.receivedAt("222:77")).isEqualTo(NOW);
    }

    private static SyncOutcome outcome(String orderNo, SyncTarget target, SyncStatus status, Instant at) {
        return new SyncOutcome(java.util.UUID.randomUUID(), 222, orderNo, target, status, null, 1, null, at);
    }
}
