package com.mallsync.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.model.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.ERP_SYNC_DLT, Topics.MEMBER_SYNC_DLT,
            "erp-sync.synced.v1", "member-sync.anything"})
    void theNoChecksPassThroughCanNeverWriteToATopicOfTheContract(String topic) {
        assertThatThrownBy(() -> new IngestProperties.Bench(topic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(topic);
    }

    @Test
    void blankIsOffAndATopicOfItsOwnIsKept() {
        assertThat(new IngestProperties.Bench(" ").passThroughTopic()).isNull();
        assertThat(new IngestProperties.Bench(null).passThroughTopic()).isNull();
        assertThat(new IngestProperties.Bench("bench.pass-through.v1").passThroughTopic())
                .isEqualTo("bench.pass-through.v1");
    }
}
