package com.mallsync.ops.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.Window;

class OrderStoriesTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theOrderTouchedLongestAgoIsForgottenFirst() {
        OrderStories stories = new OrderStories(2, 4);
        stories.add("222:1", published(0));
        stories.add("222:2", published(1));
        stories.add("222:1", outcome(2));
        stories.add("222:3", published(3));

        assertThat(stories.size()).isEqualTo(2);
        assertThat(stories.get("222:2").held()).isFalse();
        assertThat(stories.get("222:1").steps()).hasSize(2);
        assertThat(stories.get("222:3").held()).isTrue();
    }

    @Test
    void anOrderKeepsItsFirstStepAndTheLatestOnesAndCountsWhatWasDropped() {
        OrderStories stories = new OrderStories(10, 3);
        for (int i = 0; i < 6; i++) {
            stories.add("222:1", published(i));
        }
        OrderStories.Held held = stories.get("222:1");

        assertThat(held.steps()).extracting(s -> ((StoryStep.Published) s).offset()).containsExactly(0L, 4L, 5L);
        assertThat(held.dropped()).isEqualTo(3);
    }

    @Test
    void anOrderWhoseLatestStepIsOlderThanTheWindowIsForgotten() {
        OrderStories stories = new OrderStories(10, 4);
        stories.add("222:old", published(0));
        stories.add("222:both", published(0));
        stories.add("222:both", outcome(3600));
        Window window = new Window.Last(Duration.ofMinutes(30), Clock.fixed(T.plus(Duration.ofMinutes(40)), ZoneOffset.UTC));

        assertThat(stories.evict(window)).isEqualTo(1);
        assertThat(stories.get("222:old").held()).isFalse();
        assertThat(stories.get("222:both").steps()).hasSize(2);
    }

    @Test
    void anOrderNumberMatchesItsKeyInAnyMallButNotAPartOfIt() {
        assertThat(OrderStories.matches("222:ABC", "ABC")).isTrue();
        assertThat(OrderStories.matches("222:ABC", "222:ABC")).isTrue();
        assertThat(OrderStories.matches("222:ABC", "BC")).isFalse();
        assertThat(OrderStories.matches("222:A:B", "A:B")).isTrue();
        assertThat(OrderStories.matches("222:A:B", "B")).isFalse();
    }

    @Test
    void eachStepSaysWhatKindItIsInItsJson() {
        assertThat(Json.writeString(published(1))).contains("\"kind\":\"published\"");
        assertThat(Json.writeString(new StoryStep.Published(T, 0, 1, null, OrderEvent.REFUNDED, 7L, "dlt/0/1")))
                .contains("\"kind\":\"replayed\"", "\"replayedFrom\":\"dlt/0/1\"", "\"event\":\"REFUNDED\"",
                        "\"line\":7");
        assertThat(Json.writeString(outcome(1))).contains("\"kind\":\"outcome\"", "\"status\":\"SYNCED\"",
                "\"event\":\"PAID\"");
    }

    private static StoryStep published(long offset) {
        return new StoryStep.Published(T.plusSeconds(offset), 0, offset, UUID.randomUUID(), OrderEvent.PAID, null,
                null);
    }

    private static StoryStep outcome(long offset) {
        return new StoryStep.Decided(T.plusSeconds(offset), SyncTarget.ERP, SyncStatus.SYNCED, 1, null, "E1",
                OrderEvent.PAID, null, 0, offset);
    }
}
