package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Each protocol gets only the session settings Kafka's own ConsumerConfig accepts for it. */
class GroupMembershipTest {

    private static Map<String, Object> base() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    @Test
    void classicGetsTheServicesSessionAndHeartbeat() {
        Map<String, Object> config = base();
        GroupMembership.apply(config, Duration.ofSeconds(10), Duration.ofSeconds(3), "erp-sync-1");

        ConsumerConfig checked = new ConsumerConfig(config);
        assertThat(checked.getInt(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(10_000);
        assertThat(checked.getInt(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(3_000);
        assertThat(checked.getString(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("erp-sync-1");
        assertThat(GroupMembership.protocol(config)).isEqualTo(GroupProtocol.CLASSIC);
    }

    /** Kafka's ConsumerConfig refuses session.timeout.ms under group.protocol=consumer; it is the broker's there. */
    @Test
    void theConsumerProtocolLeavesTheSessionToTheBrokerSoKafkaAcceptsTheConfig() {
        Map<String, Object> config = base();
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000); // as a shared Boot setting might have it
        assertThatThrownBy(() -> new ConsumerConfig(config)).as("what Kafka says to it")
                .isInstanceOf(ConfigException.class).hasMessageContaining(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);

        GroupMembership.apply(config, Duration.ofSeconds(10), Duration.ofSeconds(3), null);

        assertThat(config).doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        ConsumerConfig checked = new ConsumerConfig(config);
        assertThat(checked.getString(ConsumerConfig.GROUP_PROTOCOL_CONFIG)).isEqualToIgnoringCase("consumer");
        assertThat(GroupMembership.protocol(config)).isEqualTo(GroupProtocol.CONSUMER);
    }
}
