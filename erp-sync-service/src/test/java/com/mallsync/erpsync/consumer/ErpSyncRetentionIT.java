package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.testsupport.KafkaTestBroker;

/** The retention erp-sync requires of the topics it reads, and gives the topics it creates. */
class ErpSyncRetentionIT {

    @Test
    void anOutcomesTopicKeptForTheBrokersSevenDaysRefusesStartNamingTheTopicTheWindowAndTheFix() {
        // as a topic created before the topics got their retention would be
        try (KafkaTestBroker broker = KafkaTestBroker.start(); ErpSandbox sandbox = ErpSandbox.start(0)) {
            broker.createTopics(3, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.ERP_SYNC_DLT);

            assertThatThrownBy(() -> ItSupport.service(broker, sandbox,
                    Map.of("erp-sync.consumer.exit-after-failure", "-1s")).close())
                    .rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("erp-sync refuses to start")
                    .hasMessageContaining("topic orders.outcomes.v1 keeps its records PT168H, shorter than the "
                            + "PT1440H the service remembers them for (set retention.ms >= 5184000000)");
        }
    }

    @Test
    void theTopicsTheServiceCreatesAreACompactedLedgerAndADeadLetterTopicKeptThirtyDays() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start(); ErpSandbox sandbox = ErpSandbox.start(0)) {
            ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID);
            try (ConfigurableApplicationContext service = ItSupport.service(broker, sandbox,
                    Map.of("erp-sync.consumer.exit-after-failure", "-1s"));
                 Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                         broker.bootstrapServers()))) {
                ConfigResource dlt = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ERP_SYNC_DLT);
                ConfigResource ledger = new ConfigResource(ConfigResource.Type.TOPIC, ErpSyncProperties.SYNCED_TOPIC);
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(dlt, ledger)).all()
                        .get(30, TimeUnit.SECONDS);

                assertThat(configs.get(dlt).get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo(String.valueOf(Retention.DEAD_LETTERS.toMillis()));
                assertThat(configs.get(ledger).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }
}
