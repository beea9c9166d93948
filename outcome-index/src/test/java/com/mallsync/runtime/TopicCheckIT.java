package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.testsupport.KafkaTestBroker;

/** Against a real (single-node) broker: what a service refuses to start on. */
class TopicCheckIT {

    private static KafkaTestBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaTestBroker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(
                new NewTopic("ledger.compacted", Optional.of(2), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")),
                new NewTopic("ledger.both", Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete,compact")),
                new NewTopic("ledger.deleted", Optional.of(1), Optional.empty()),
                new NewTopic("outcomes", Optional.of(2), Optional.empty()))).all().get();
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void topicsAsExpectedPass() {
        assertThat(TopicCheck.problems(admin, List.of(new TopicCheck.Expect("ledger.compacted", true, 1),
                new TopicCheck.Expect("ledger.both", true, 1), new TopicCheck.Expect("outcomes", false, 1)),
                Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aLedgerWithRetentionAMissingTopicAndTooFewReplicasAreEachNamed() {
        List<String> problems = TopicCheck.problems(admin, List.of(new TopicCheck.Expect("ledger.deleted", true, 1),
                new TopicCheck.Expect("no.such.topic", false, 1), new TopicCheck.Expect("outcomes", false, 3)),
                Duration.ofSeconds(30));
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("no.such.topic", "does not exist");
        assertThat(String.join("\n", problems))
                .contains("ledger.deleted has cleanup.policy=delete but must be compacted")
                .contains("outcomes has replication factor 1, below the minimum 3");
        assertThatThrownBy(() -> TopicCheck.require(admin, List.of(new TopicCheck.Expect("ledger.deleted", true, 1)),
                Duration.ofSeconds(30), "erp-sync")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("erp-sync refuses to start");
    }
}
