package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

class OrderEntryTest {

    private static final String KEY = "7:A1";
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456789Z");
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private TextPool pool = new TextPool(16);

    private static SyncOutcome outcome(UUID id, SyncTarget target, SyncStatus status, String ref, int attempts,
                                       String reason, Instant at, OrderEvent event, Long line) {
        return new SyncOutcome(id, 7, "A1", target, status, ref, attempts, reason, at, event, line);
    }

    private SyncOutcome roundTrip(SyncOutcome outcome) {
        OrderEntry entry = new OrderEntry();
        entry.published(KEY, EventRef.of(outcome), ID, AT.minusSeconds(2), pool);
        entry.outcome(KEY, outcome, pool);
        EventView view = entry.view(KEY, AT, pool).get(0);
        return view.outcomes().get(outcome.target());
    }

    @Test
    void anOutcomeComesBackAsItWasReadWhateverItsRefReasonAndTime() {
        List<SyncOutcome> outcomes = List.of(
                outcome(ID, SyncTarget.ERP, SyncStatus.SYNCED, "ERP000000012345", 1, null, AT, OrderEvent.PAID, null),
                outcome(ID, SyncTarget.CRM_2030, SyncStatus.SYNCED, "batch-0000000042", 3, null, AT,
                        OrderEvent.REFUNDED, 42L),
                outcome(ID, SyncTarget.ERP, SyncStatus.REJECTED, null, 0, "bad sku 12", AT, OrderEvent.CANCELLED,
                        null),
                outcome(ID, SyncTarget.ERP, SyncStatus.SYNCED, "1234567890123456789012", 2, "in doubt: timeout", AT,
                        OrderEvent.CONFIRMED, null),
                outcome(ID, SyncTarget.ERP, SyncStatus.SYNCED, "", 0, "", AT, OrderEvent.PAID, null),
                outcome(ID, SyncTarget.ERP, SyncStatus.SKIPPED, "REF-X", 0, "nothing to send", AT, OrderEvent.PAID,
                        null),
                // kept whole: too many attempts, another eventId than the event's, a time past 2262
                outcome(ID, SyncTarget.ERP, SyncStatus.FAILED, "E1", 5_000_000, "down", AT, OrderEvent.PAID, null),
                outcome(UUID.randomUUID(), SyncTarget.ERP, SyncStatus.DUPLICATE, "E2", 1, null, AT, OrderEvent.PAID,
                        null),
                outcome(ID, SyncTarget.ERP, SyncStatus.SYNCED, "E3", 1, null, Instant.parse("2300-01-01T00:00:00Z"),
                        OrderEvent.PAID, null));

        for (SyncOutcome outcome : outcomes) {
            assertThat(roundTrip(outcome)).isEqualTo(outcome);
        }
        // a full pool: the texts stay in the entry
        pool = new TextPool(0);
        for (SyncOutcome outcome : outcomes) {
            assertThat(roundTrip(outcome)).isEqualTo(outcome);
        }
    }

    @Test
    void aLaterOutcomeReplacesTheTextsOfTheEarlierOne() {
        OrderEntry entry = new OrderEntry();
        entry.outcome(KEY, outcome(ID, SyncTarget.ERP, SyncStatus.FAILED, null, 4, "timeout", AT, OrderEvent.PAID,
                null), pool);
        SyncOutcome later = outcome(ID, SyncTarget.ERP, SyncStatus.SYNCED, "ERP7", 1, null, AT.plusSeconds(60),
                OrderEvent.PAID, null);
        entry.outcome(KEY, later, pool);

        assertThat(entry.view(KEY, AT, pool).get(0).outcomes()).containsExactlyEntriesOf(
                Map.of(SyncTarget.ERP, later));
    }

    @Test
    void eventsComeInTheContractsOrderWhicheverWasReadFirst() {
        OrderEntry entry = new OrderEntry();
        entry.published(KEY, new EventRef(OrderEvent.CANCELLED, null), null, AT, pool);
        entry.published(KEY, new EventRef(OrderEvent.REFUNDED, 9L), null, AT, pool);
        entry.published(KEY, new EventRef(OrderEvent.REFUNDED, 3L), null, AT, pool);
        entry.published(KEY, EventRef.PAID, ID, AT.plusNanos(1), pool);
        entry.published(KEY, EventRef.PAID, null, AT.minusNanos(1), pool);

        List<EventView> view = entry.view(KEY, AT, pool);
        assertThat(view).extracting(v -> new EventRef(v.event(), v.line())).containsExactly(EventRef.PAID,
                new EventRef(OrderEvent.REFUNDED, 3L), new EventRef(OrderEvent.REFUNDED, 9L),
                new EventRef(OrderEvent.CANCELLED, null));
        assertThat(view.get(0).receivedAt()).isEqualTo(AT.minusNanos(1));
        assertThat(view.get(0).eventId()).isEqualTo(ID);
        assertThat(entry.receivedAt()).isEqualTo(AT.minusNanos(1));
    }

    @Test
    void trailingDigitsStopAtEighteenSoTheyFitALong() {
        assertThat(OrderEntry.trailingDigits("ERP000000012345")).isEqualTo(12);
        assertThat(OrderEntry.trailingDigits("abc")).isZero();
        assertThat(OrderEntry.trailingDigits("12345678901234567890")).isEqualTo(18);
    }
}
