package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

class OutcomeCountsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SyncOutcome synced(Instant at) {
        return new SyncOutcome(UUID.randomUUID(), 1, "A1", SyncTarget.ERP, SyncStatus.SYNCED, "ERP1", 1, null, at);
    }

    @Test
    void outcomesOlderThanTheKeepBeforeTheNewestCountInTheTotalsButHoldNoMinute() {
        OutcomeCounts counts = new OutcomeCounts(Duration.ofHours(24));
        for (int day = 56; day >= 0; day -= 2) {
            counts.add(synced(NOW.minus(Duration.ofDays(day))));
        }
        counts.add(synced(NOW.minus(Duration.ofDays(30))));

        assertThat(counts.total(SyncTarget.ERP, SyncStatus.SYNCED)).isEqualTo(30);
        assertThat(counts.minutesHeld()).isEqualTo(1);
        assertThat(counts.counts(NOW, Duration.ofHours(24)).get(SyncTarget.ERP).get(SyncStatus.SYNCED)).isEqualTo(1);
    }
}
