package com.mallsync.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mallsync.stack.StackLayout;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.StackPorts;

/** The three-broker option's configuration: ports from the offset, the quorum, replication defaults. */
class ClusterConfigTest {

    @Test
    void brokersTwoAndThreeTakeTheNextPortsAndMoveWithTheOffset() {
        StackPorts ports = StackPorts.defaults();
        assertThat(ports.broker(1)).containsExactly(9092, 9093);
        assertThat(ports.broker(2)).containsExactly(9094, 9095);
        assertThat(ports.broker(3)).containsExactly(9096, 9097);
        assertThat(ports.plus(700).broker(3)).containsExactly(9796, 9797);
        assertThatThrownBy(() -> ports.broker(4)).isInstanceOf(IllegalArgumentException.class);
        StackPorts random = StackPorts.random();
        assertThat(List.of(random.broker(1)[0], random.broker(2)[0], random.broker(3)[0], random.broker(2)[1]))
                .doesNotHaveDuplicates();
    }

    @Test
    void everyNodeIsBrokerAndControllerOfOneStaticQuorumWithReplicationThreeAndMinInSyncTwo() {
        String voters = KafkaCluster.voters(List.of(new int[] {9092, 9093}, new int[] {9094, 9095},
                new int[] {9096, 9097}));
        assertThat(voters).isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
        String node2 = BrokerConfig.nodeProperties(2, Path.of("/tmp/n2"), 9094, 9095, voters, 3, 2);
        assertThat(node2).contains("process.roles=broker,controller", "node.id=2",
                "controller.quorum.voters=" + voters, "listeners=PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095",
                "default.replication.factor=3", "min.insync.replicas=2", "offsets.topic.replication.factor=3",
                "transaction.state.log.replication.factor=3", "transaction.state.log.min.isr=2",
                "unclean.leader.election.enable=false");
        assertThat(node2).doesNotContain("controller.quorum.bootstrap.servers");
    }

    /** KIP-848 groups get the services' 10 s session, not the broker's 45 s; every line a plain key=value. */
    @Test
    void consumerProtocolGroupsGetTheSameTenSecondSessionOnEveryBroker() {
        String single = BrokerConfig.serverProperties(Path.of("/tmp/b"), 9092, 9093);
        String node = BrokerConfig.nodeProperties(1, Path.of("/tmp/n1"), 9092, 9093, "1@127.0.0.1:9093", 3, 2);
        for (String config : List.of(single, node)) {
            assertThat(config).contains("\ngroup.consumer.session.timeout.ms=10000\n",
                    "\ngroup.consumer.heartbeat.interval.ms=3000\n", "\nlog.retention.hours=168\n");
            assertThat(config.lines())
                    .allMatch(l -> l.isEmpty() || l.startsWith("#") || l.matches("[a-z0-9.]+=\\S.*"));
        }
    }

    @Test
    void oneOrThreeBrokersNothingElse() {
        StackLayout layout = new StackLayout(Path.of("/tmp/repo"), Path.of("/tmp/repo/.local"));
        assertThat(StackOptions.builder(layout).build().brokers()).isEqualTo(1);
        assertThat(StackOptions.builder(layout).brokers(3).build().brokers()).isEqualTo(3);
        assertThatThrownBy(() -> StackOptions.builder(layout).brokers(2).build())
                .hasMessageContaining("brokers must be 1 or 3");
        assertThat(layout.brokerLogFile(2).getFileName().toString()).isEqualTo("kafka-2.log");
        assertThat(layout.kafkaClusterDir()).isNotEqualTo(layout.kafkaDir());
    }
}
