package com.mallsync.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.SyncStatus;
import com.mallsync.outcomes.OutcomeIndex.Decision;

class OutcomeIndexTest {

    @Test
    void anOrderWithNoOutcomeIsProcessed() {
        assertThat(OutcomeIndex.rule(null, false)).isEqualTo(Decision.PROCESS);
        assertThat(OutcomeIndex.rule(null, true)).isEqualTo(Decision.PROCESS);
    }

    @Test
    void aDeliveredOrderIsSkippedEvenWhenReplayed() {
        for (SyncStatus delivered : new SyncStatus[] {SyncStatus.SYNCED, SyncStatus.DUPLICATE}) {
            assertThat(OutcomeIndex.rule(delivered, false)).isEqualTo(Decision.SKIP);
            assertThat(OutcomeIndex.rule(delivered, true)).isEqualTo(Decision.SKIP);
        }
    }

    @Test
    void aRejectedOrFailedOrderIsSkippedUnlessReplayed() {
        for (SyncStatus undelivered : new SyncStatus[] {SyncStatus.REJECTED, SyncStatus.FAILED}) {
            assertThat(OutcomeIndex.rule(undelivered, false)).isEqualTo(Decision.SKIP);
            assertThat(OutcomeIndex.rule(undelivered, true)).isEqualTo(Decision.PROCESS);
        }
    }
}
