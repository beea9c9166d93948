package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One partition's offsets: the committable offset is the lowest unfinished one, or one past the highest read. */
class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker(Reads.partition(0));

    @Test
    void nothingReadIsNothingToCommit() {
        assertThat(tracker.position()).isEqualTo(-1);
        assertThat(tracker.committable()).isEqualTo(-1);
    }

    @Test
    void recordsFinishedOutOfOrderCommitOnlyUpToTheLowestUnfinished() {
        for (long o = 10; o < 15; o++) {
            tracker.read(o);
        }
        tracker.finished(11);
        tracker.finished(12);
        tracker.finished(14);
        assertThat(tracker.position()).isEqualTo(10);
        assertThat(tracker.unfinishedCount()).isEqualTo(2);

        tracker.finished(10);
        assertThat(tracker.position()).as("13 is still unfinished").isEqualTo(13);

        tracker.finished(13);
        assertThat(tracker.position()).as("all finished: one past the highest read").isEqualTo(15);
        assertThat(tracker.unfinishedCount()).isZero();
    }

    @Test
    void anOffsetIsOfferedForCommitOnceUntilItsCommitFails() {
        tracker.read(0);
        tracker.read(1);
        tracker.finished(0);
        assertThat(tracker.committable()).isEqualTo(1);
        tracker.committed(1);
        assertThat(tracker.committable()).as("nothing moved since").isEqualTo(-1);

        tracker.commitFailed();
        assertThat(tracker.committable()).as("not lost for want of progress").isEqualTo(1);

        tracker.committed(1);
        tracker.finished(1);
        assertThat(tracker.committable()).isEqualTo(2);
    }

    @Test
    void aLateAcknowledgementOfAnEarlierCommitDoesNotMoveTheCommittedMarkBack() {
        tracker.read(0);
        tracker.read(1);
        tracker.finished(0);
        tracker.finished(1);
        tracker.committed(2);
        tracker.committed(1);
        assertThat(tracker.committable()).isEqualTo(-1);
    }
}
