package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.runtime.TopicCheck;

/**
 * What erp-sync checks of its topics at start: the ledger compacted and keeping at least its window, the outcomes
 * topic keeping at least the outcome index's window.
 */
class ErpSyncTopicsNeededTest {

    private static ErpSyncProperties with(ErpSyncProperties.OutcomeIndex index, ErpSyncProperties.Ledger ledger) {
        return new ErpSyncProperties(null, null, null, null, null, null, null, index, ledger);
    }

    @Test
    void byDefaultBothTopicsMustKeepTheirRecordsAtLeastTheAfterSaleWindowAndTheLedgerMustBeCompacted() {
        ErpSyncProperties defaults = with(null, null);

        assertThat(ErpSyncWiring.topicsNeeded(defaults)).satisfiesExactly(
                ledger -> {
                    assertThat(ledger.topic()).isEqualTo(ErpSyncProperties.SYNCED_TOPIC);
                    assertThat(ledger.mustExist()).isTrue();
                    assertThat(ledger.compacted()).isTrue();
                    assertThat(ledger.keepsAtLeast()).isEqualTo(Retention.AFTER_SALE).isEqualTo(Duration.ofDays(60));
                    assertThat(ledger.keepsAtMost()).isEqualTo(TopicCheck.FOREVER);
                },
                outcomes -> {
                    assertThat(outcomes.topic()).isEqualTo(Topics.ORDERS_OUTCOMES);
                    assertThat(outcomes.mustExist()).isTrue();
                    assertThat(outcomes.compacted()).isFalse();
                    assertThat(outcomes.keepsAtLeast()).isEqualTo(Duration.ofDays(60));
                    assertThat(outcomes.minReplicationFactor()).isEqualTo(defaults.topics().minReplicationFactor());
                });
    }

    @Test
    void widerWindowsNeedLongerRetentions() {
        ErpSyncProperties wide = with(new ErpSyncProperties.OutcomeIndex(Duration.ofDays(90)),
                new ErpSyncProperties.Ledger(Duration.ofDays(400), null));

        assertThat(ErpSyncWiring.topicsNeeded(wide)).extracting(TopicCheck.Expect::keepsAtLeast)
                .containsExactly(Duration.ofDays(400), Duration.ofDays(90));
    }

    @Test
    void theLedgerSettingsDefaultToTheAfterSaleWindowAndSixtySecondsOfCatchUp() {
        ErpSyncProperties.Ledger ledger = with(null, null).ledger();

        assertThat(ledger.window()).isEqualTo(Retention.AFTER_SALE);
        assertThat(ledger.catchUpTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
