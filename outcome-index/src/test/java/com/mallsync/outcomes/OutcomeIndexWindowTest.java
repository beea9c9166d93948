package com.mallsync.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.Window;
import com.mallsync.testsupport.MovingClock;

/** The index forgets an outcome once it is older than its window, and only then. */
class OutcomeIndexWindowTest {

    @Test
    void aClaimIsRememberedWithinTheWindowAndForgottenAfterIt() {
        MovingClock clock = new MovingClock();
        OutcomeIndex index = new OutcomeIndex(Topics.ORDERS_OUTCOMES, SyncTarget.ERP, () -> {
            throw new AssertionError("not started");
        }, new SkippedRecords(), new Window.Last(Duration.ofDays(60), clock), clock);
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        assertThat(index.claim(early, SyncStatus.SYNCED, false)).isTrue();
        clock.now = clock.now.plus(Duration.ofDays(30));
        assertThat(index.claim(late, SyncStatus.SYNCED, false)).isTrue();

        clock.now = clock.now.plus(Duration.ofDays(29));
        assertThat(index.evictExpired()).isZero();
        assertThat(index.decide(early, false)).isEqualTo(OutcomeIndex.Decision.SKIP);

        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(index.evictExpired()).isEqualTo(1);
        assertThat(index.status(early)).isEmpty();
        assertThat(index.status(late)).contains(SyncStatus.SYNCED);
        assertThat(index.size()).isEqualTo(1);
    }
}
