package com.mallsync.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Retention;
import com.mallsync.model.Topics;

/** Each topic's configuration as the stack creates it, and which existing topics need their retention changed. */
class StackTopicsTest {

    @Test
    void everyPlannedTopicIsCreatedWithItsRetentionFromRetentionOfTopics() {
        assertThat(StackTopics.configs(Topics.ORDERS_PAID, 1))
                .containsEntry("retention.ms", "604800000").containsEntry("min.insync.replicas", "1");
        assertThat(StackTopics.configs(Topics.ORDERS_OUTCOMES, 2))
                .containsEntry("retention.ms", String.valueOf(Duration.ofDays(60).toMillis()))
                .containsEntry("min.insync.replicas", "2");
        assertThat(StackTopics.configs(Topics.MEMBER_SYNC_DLT, 1)).containsEntry("retention.ms", "2592000000");
        assertThat(StackTopics.configs(Topics.ERP_SYNC_DLT, 1)).containsEntry("retention.ms", "2592000000");
        assertThat(StackTopics.plan().keySet()).containsExactlyInAnyOrderElementsOf(Retention.ofTopics().keySet());
    }

    @Test
    void aTopicWithoutAPlannedRetentionGetsOnlyItsMinInSyncReplicas() {
        assertThat(StackTopics.configs("some.other.topic", 2)).containsOnlyKeys("min.insync.replicas");
        assertThat(StackTopics.retentionMs("some.other.topic")).isEqualTo(-1);
    }

    @Test
    void anOutcomesTopicKeptForTheBrokersSevenDaysIsToBeAlteredToSixtyDays() {
        Map<String, String> described = new HashMap<>();
        described.put(Topics.ORDERS_PAID, "604800000");
        described.put(Topics.ORDERS_OUTCOMES, "604800000");
        described.put(Topics.MEMBER_SYNC_DLT, "2592000000");
        described.put(Topics.ERP_SYNC_DLT, "-1");

        assertThat(StackTopics.retentionChanges(described)).containsExactly(
                new StackTopics.RetentionChange(Topics.ORDERS_OUTCOMES, "604800000", 5_184_000_000L),
                new StackTopics.RetentionChange(Topics.ERP_SYNC_DLT, "-1", 2_592_000_000L));
    }

    @Test
    void topicsAlreadyAsPlannedOrNotTheStacksAreLeftAlone() {
        Map<String, String> described = new HashMap<>();
        Retention.ofTopics().forEach((topic, kept) -> described.put(topic, " " + kept.toMillis()));
        described.put("erp-sync.ledger", "-1");
        assertThat(StackTopics.retentionChanges(described)).isEmpty();
    }

    @Test
    void aRetentionTheBrokerDidNotDescribeCountsAsDifferent() {
        Map<String, String> described = new HashMap<>();
        described.put(Topics.ORDERS_OUTCOMES, null);
        assertThat(StackTopics.retentionChanges(described)).singleElement()
                .satisfies(c -> assertThat(c.toString()).isEqualTo("orders.outcomes.v1 retention.ms null -> 5184000000"));
    }
}
