package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class TopicTailReaderConfigTest {

    @Test
    void aReaderJoinsNoGroupCommitsNothingReadsCommittedDataOnlyAndFromTheEarliestWhenItsPositionIsGone() {
        Map<String, Object> spring = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "erp-sync",
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "erp-sync-1",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);

        Map<String, Object> reader = TopicTail.readerConfig(spring, "ledger-1");

        assertThat(reader).containsOnly(
                Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092"),
                Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-1"));
        assertThat(spring).as("the caller's map is left alone").containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "erp-sync");
    }
}
