package com.mallsync.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * How both consumer services join their group, in one place: the session settings of the rebalance protocol in use,
 * and static membership when the instance has an id.
 *
 * <p>The protocol is Kafka's own {@code group.protocol} from the consumer settings
 * ({@code spring.kafka.consumer.properties.group.protocol}): {@code classic} by default, or {@code consumer}
 * (KIP-848, where the broker assigns partitions incrementally and no member waits for the others). Under
 * {@code classic} the client sets {@code session.timeout.ms} and {@code heartbeat.interval.ms}; under
 * {@code consumer} both are the broker's ({@code group.consumer.session.timeout.ms},
 * {@code group.consumer.heartbeat.interval.ms}) and the client refuses them, so they are left out, as is a
 * client-side {@code partition.assignment.strategy}.
 */
public final class GroupMembership {

    private GroupMembership() {
    }

    /**
     * Puts the session settings for {@code config}'s protocol, and {@code group.instance.id} when
     * {@code groupInstanceId} is set.
     */
    public static void apply(Map<String, Object> config, Duration sessionTimeout, Duration heartbeatInterval,
                             String groupInstanceId) {
        if (protocol(config) == GroupProtocol.CONSUMER) {
            config.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
            config.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
            config.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        } else {
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) heartbeatInterval.toMillis());
        }
        if (groupInstanceId != null) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        }
    }

    /** The protocol {@code config} asks for; {@code classic} when it names none. */
    public static GroupProtocol protocol(Map<String, Object> config) {
        Object value = config.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        return value == null ? GroupProtocol.CLASSIC
                : GroupProtocol.valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
    }
}
