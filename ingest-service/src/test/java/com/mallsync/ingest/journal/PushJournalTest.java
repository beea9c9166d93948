package com.mallsync.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PushJournalTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theOrdersPushedLongestAgoAreForgottenWholeWhenThePushBoundIsReached() {
        PushJournal journal = new PushJournal(3, 5);
        journal.record("222:1", push(0, 503));
        journal.record("222:2", push(1, 200));
        journal.record("222:1", push(2, 200));
        journal.record("222:3", push(3, 200));

        assertThat(journal.size()).isLessThanOrEqualTo(3);
        assertThat(journal.find("222:2", 10)).isEmpty();
        assertThat(journal.find("222:1", 10).get("222:1")).extracting(PushJournal.Push::status)
                .containsExactly(503, 200);
    }

    @Test
    void anOrderKeepsItsFirstPushAndTheLatestOnes() {
        PushJournal journal = new PushJournal(100, 3);
        for (int i = 0; i < 6; i++) {
            journal.record("222:1", push(i, 200 + i));
        }
        assertThat(journal.find("222:1", 10).get("222:1")).extracting(PushJournal.Push::status)
                .containsExactly(200, 204, 205);
        assertThat(journal.size()).isEqualTo(3);
    }

    @Test
    void anOrderNumberFindsThatOrderInEveryMall() {
        PushJournal journal = new PushJournal(100, 3);
        journal.record("222:77", push(0, 200));
        journal.record("305:77", push(1, 401));
        journal.record("222:177", push(2, 200));

        assertThat(journal.find("77", 10)).containsOnlyKeys("222:77", "305:77");
        assertThat(journal.find("305:77", 10)).containsOnlyKeys("305:77");
        assertThat(journal.find("7", 10)).isEmpty();
    }

    private static PushJournal.Push push(int second, int status) {
        return new PushJournal.Push(T.plusSeconds(second), status, status == 200 ? 0 : 1, "m", null, 1);
    }
}
