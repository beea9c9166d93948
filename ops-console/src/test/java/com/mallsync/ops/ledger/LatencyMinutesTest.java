package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.SyncTarget;

class LatencyMinutesTest {

    private static final Instant MINUTE = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void percentilesPerMinuteAreWithinTheBucketWidthOfTheTrueOnes() {
        LatencyMinutes latency = new LatencyMinutes(Duration.ofHours(24));
        for (int ms = 1; ms <= 1000; ms++) {
            latency.record(SyncTarget.ERP, MINUTE.plusSeconds(ms % 60), Duration.ofMillis(ms));
        }
        List<LatencyMinutes.Point> points = latency.series(SyncTarget.ERP, MINUTE, MINUTE.plusSeconds(59));

        assertThat(points).hasSize(1);
        assertThat(points.get(0).count()).isEqualTo(1000);
        assertThat(points.get(0).p50Ms()).isBetween(500L, 546L);
        assertThat(points.get(0).p99Ms()).isBetween(990L, 1080L);
    }

    @Test
    void minutesOlderThanTheKeepAreForgotten() {
        LatencyMinutes latency = new LatencyMinutes(Duration.ofHours(1));
        latency.record(SyncTarget.CRM_2030, MINUTE, Duration.ofSeconds(1));
        Instant later = MINUTE.plus(Duration.ofHours(2));
        latency.record(SyncTarget.CRM_2030, later, Duration.ofSeconds(1));

        assertThat(latency.series(SyncTarget.CRM_2030, MINUTE.minusSeconds(1), later)).hasSize(1);
    }

    @Test
    void weeksOfOutcomesReadAtStartUpHoldAtMostTheKeepOfMinutes() {
        LatencyMinutes latency = new LatencyMinutes(Duration.ofHours(24));
        Instant start = MINUTE.minus(Duration.ofDays(56));
        for (int minute = 0; minute < 56 * 1440; minute += 7) {
            latency.record(SyncTarget.ERP, start.plusSeconds(minute * 60L), Duration.ofSeconds(2));
        }
        // a sample older than the newest by more than the keep is not kept: it could never be plotted
        latency.record(SyncTarget.ERP, start, Duration.ofSeconds(2));

        assertThat(latency.minutesHeld()).isBetween(1440 / 7, 1440 / 7 + 1);
        assertThat(latency.series(SyncTarget.ERP, start, start.plusSeconds(60))).isEmpty();
    }

    @Test
    void bucketsCoverZeroAndHugeLatenciesWithoutOverflow() {
        assertThat(LatencyMinutes.bucket(0)).isZero();
        assertThat(LatencyMinutes.bucket(Long.MAX_VALUE)).isEqualTo(LatencyMinutes.BUCKETS - 1);
        assertThat(LatencyMinutes.upper(LatencyMinutes.bucket(1_000))).isBetween(1_000L, 1_091L);
    }
}
