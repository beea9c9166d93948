package com.mallsync.membersync.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.runtime.TopicCheck;

/** What member-sync checks of its topics at start: the outcomes topic keeps at least the outcome index's window. */
class MemberSyncTopicsNeededTest {

    @Test
    void theOutcomesTopicMustKeepItsRecordsAtLeastTheAfterSaleWindowByDefault() {
        MemberSyncProperties defaults = new MemberSyncProperties(null, null, null, null, null, null, null, null);

        assertThat(MemberSyncConfiguration.topicsNeeded(defaults)).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEqualTo(Topics.ORDERS_OUTCOMES);
            assertThat(e.mustExist()).isTrue();
            assertThat(e.compacted()).isFalse();
            assertThat(e.keepsAtLeast()).isEqualTo(Retention.AFTER_SALE).isEqualTo(Duration.ofDays(60));
            assertThat(e.keepsAtMost()).isEqualTo(TopicCheck.FOREVER);
            assertThat(e.minReplicationFactor()).isEqualTo(defaults.topics().minReplicationFactor());
        });
    }

    @Test
    void aWiderOutcomeIndexWindowNeedsALongerRetention() {
        MemberSyncProperties wide = new MemberSyncProperties(null, null, null, null, null, null, null,
                new MemberSyncProperties.OutcomeIndex(Duration.ofDays(90)));

        assertThat(MemberSyncConfiguration.topicsNeeded(wide)).singleElement()
                .satisfies(e -> assertThat(e.keepsAtLeast()).isEqualTo(Duration.ofDays(90)));
    }
}
