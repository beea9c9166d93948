package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

class WindowTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private final Window lastDay = new Window.Last(Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aBoundedWindowKeepsWhatIsAtMostItsLengthOld() {
        assertThat(lastDay.cutoff()).hasValue(NOW.minus(Duration.ofDays(1)).toEpochMilli());
        assertThat(lastDay.keeps(NOW.minus(Duration.ofHours(23)).toEpochMilli())).isTrue();
        assertThat(lastDay.keeps(NOW.minus(Duration.ofDays(1)).toEpochMilli())).isTrue();
        assertThat(lastDay.keeps(NOW.minus(Duration.ofHours(25)).toEpochMilli())).isFalse();
    }

    @Test
    void evictionRemovesOnlyTheEntriesOlderThanTheWindow() {
        Map<String, Long> entries = new ConcurrentHashMap<>(Map.of(
                "old", NOW.minus(Duration.ofDays(3)).toEpochMilli(),
                "edge", NOW.minus(Duration.ofDays(1)).toEpochMilli(),
                "new", NOW.toEpochMilli()));
        assertThat(lastDay.evict(entries, Long::longValue)).isEqualTo(1);
        assertThat(entries).containsOnlyKeys("edge", "new");
    }

    @Test
    void theWholeTopicKeepsEverything() {
        Map<String, Long> entries = new ConcurrentHashMap<>(Map.of("ancient", 0L));
        assertThat(Window.all().cutoff()).isEmpty();
        assertThat(Window.all().evict(entries, Long::longValue)).isZero();
        assertThat(entries).containsOnlyKeys("ancient");
    }

    @Test
    void aWindowNeedsAPositiveLength() {
        assertThatThrownBy(() -> Window.last(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicKeepsItsRecordsAsItsPolicyAndRetentionSay() {
        assertThat(TopicCheck.kept("delete", "604800000")).isEqualTo(Duration.ofDays(7));
        assertThat(TopicCheck.kept("compact,delete", "86400000")).isEqualTo(Duration.ofDays(1));
        assertThat(TopicCheck.kept("delete", "-1")).isEqualTo(TopicCheck.FOREVER);
        assertThat(TopicCheck.kept("compact", "86400000")).isEqualTo(TopicCheck.FOREVER);
    }
}
