package com.mallsync.erpsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;

/** The ledger's values as JSON, including entries written before the pending mark existed. */
class SyncedEntryTest {

    private static final UUID EVENT = UUID.fromString("7603d538-d743-388e-b9e4-38def93a35dc");
    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void anEntryWrittenBeforeThePendingFieldExistedReadsAsAConfirmation() {
        SyncedEntry old = Json.read("{\"eventId\":\"" + EVENT + "\",\"outerTradeId\":\"6359657698853654528\","
                + "\"attempts\":2,\"at\":\"2026-11-23T12:00:00Z\"}", SyncedEntry.class);

        assertThat(old).isEqualTo(new SyncedEntry(EVENT, "6359657698853654528", 2, AT));
        assertThat(old.pending()).isFalse();
    }

    @Test
    void aPendingMarkRoundTripsAndNeverReplacesAConfirmation() {
        SyncedEntry mark = Json.read(Json.writeString(SyncedEntry.calling(EVENT, AT)), SyncedEntry.class);
        SyncedEntry confirmed = new SyncedEntry(EVENT, "6359657698853654528", 1, AT);

        assertThat(mark.pending()).isTrue();
        assertThat(SyncedEntry.merge(confirmed, mark)).isSameAs(confirmed);
        assertThat(SyncedEntry.merge(mark, confirmed)).isSameAs(confirmed);
        assertThat(SyncedEntry.merge(null, mark)).isSameAs(mark);
    }

    /** A zombie's late 3001 ("already there", no number) used to write a blank ERP order number over the real one. */
    @Test
    void aLaterConfirmationWithoutTheErpOrderNumberKeepsTheNumberAlreadyKnown() {
        SyncedEntry confirmed = new SyncedEntry(EVENT, "6359657698853654528", 1, AT);
        SyncedEntry alreadyThere = new SyncedEntry(EVENT, null, 2, AT.plusSeconds(30));

        assertThat(SyncedEntry.merge(confirmed, alreadyThere))
                .isEqualTo(new SyncedEntry(EVENT, "6359657698853654528", 2, AT.plusSeconds(30)));
        assertThat(SyncedEntry.merge(alreadyThere, confirmed)).as("a number arriving later is taken")
                .isSameAs(confirmed);
        assertThat(SyncedEntry.merge(null, alreadyThere)).isSameAs(alreadyThere);
        SyncedEntry renumbered = new SyncedEntry(EVENT, "7000000000000000001", 3, AT.plusSeconds(60));
        assertThat(SyncedEntry.merge(confirmed, renumbered)).as("a number is never invented or kept over another")
                .isSameAs(renumbered);
    }
}
