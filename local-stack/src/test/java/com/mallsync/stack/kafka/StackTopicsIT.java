package com.mallsync.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * On a real broker: the stack's topics get their planned retention when created, and a topic left by an older
 * stack with the broker's default retention is altered to the planned one; a second set-up changes nothing.
 */
class StackTopicsIT {

    @Test
    void createsTopicsWithTheirRetentionAndAltersAnExistingTopicThatKeepsTooLittle() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // as an older stack made it: no retention of its own, so the broker's 7 days
            admin.createTopics(List.of(new NewTopic(Topics.ORDERS_OUTCOMES, 6, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(retentions(admin, List.of(Topics.ORDERS_OUTCOMES)))
                    .containsEntry(Topics.ORDERS_OUTCOMES, "604800000");

            StackTopics.Setup first = StackTopics.createMissing(broker.bootstrapServers());

            assertThat(first.created()).containsExactly(Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT, Topics.MEMBER_SYNC_DLT);
            assertThat(first.altered()).containsExactly(new StackTopics.RetentionChange(Topics.ORDERS_OUTCOMES,
                    "604800000", Retention.ORDERS_OUTCOMES.toMillis()));
            // an altered config reaches the broker's metadata a moment after the controller has taken it
            await().atMost(KafkaTestBroker.PATIENCE).untilAsserted(() -> {
                Map<String, String> kept = retentions(admin, Retention.ofTopics().keySet());
                Retention.ofTopics().forEach((topic, planned) ->
                        assertThat(kept).containsEntry(topic, String.valueOf(planned.toMillis())));
            });

            StackTopics.Setup again = StackTopics.createMissing(broker.bootstrapServers());
            assertThat(again.created()).isEmpty();
            assertThat(again.altered()).isEmpty();
        }
    }

    private static Map<String, String> retentions(Admin admin, Collection<String> topics) throws Exception {
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
        return configs.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                e -> e.getValue().get(TopicConfig.RETENTION_MS_CONFIG).value()));
    }
}
