package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final TopicPartition p0 = new TopicPartition("t", 0);

    @Test
    void commitsOnlyUpToTheLowestUnfinishedRecord() {
        OffsetTracker tracker = new OffsetTracker();
        for (long o = 10; o < 15; o++) {
            tracker.fetched(p0, o);
        }
        tracker.finished(p0, 11);
        tracker.finished(p0, 12);
        tracker.finished(p0, 14);
        assertThat(tracker.safeOffset(p0)).isEqualTo(10);

        tracker.finished(p0, 10);
        assertThat(tracker.committable().get(p0).offset()).isEqualTo(13);
        assertThat(tracker.committable()).as("nothing moved since").isEmpty();

        tracker.finished(p0, 13);
        assertThat(tracker.committable().get(p0).offset()).isEqualTo(15);
    }

    @Test
    void aFailedCommitIsOfferedAgainAtTheNextCommit() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.fetched(p0, 0);
        tracker.finished(p0, 0);
        assertThat(tracker.committable().get(p0).offset()).isEqualTo(1);
        assertThat(tracker.committable()).isEmpty();
        tracker.commitFailed(java.util.List.of(p0));
        assertThat(tracker.committable().get(p0).offset()).as("not lost for want of progress").isEqualTo(1);
    }
}
