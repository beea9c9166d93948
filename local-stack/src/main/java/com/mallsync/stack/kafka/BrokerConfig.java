package com.mallsync.stack.kafka;

import java.nio.file.Path;

/** The {@code server.properties} and log4j2 configuration the stack writes for each {@link KafkaBroker}. */
final class BrokerConfig {

    private BrokerConfig() {
    }

    /**
     * Groups of the KIP-848 protocol ({@code group.protocol=consumer}; the services use it when told to, see
     * {@code GroupMembership}) get the session the classic groups get from the services (10 s, heartbeat 3 s)
     * instead of the broker's 45 s, so the two protocols recover from a SIGKILL on the same terms.
     */
    private static final String CONSUMER_GROUPS = """
            # KIP-848 consumer groups: the same 10 s session as the services' classic ones
            group.consumer.min.session.timeout.ms=6000
            group.consumer.session.timeout.ms=10000
            group.consumer.min.heartbeat.interval.ms=1000
            group.consumer.heartbeat.interval.ms=3000
            """;

    static String serverProperties(Path logDirs, int port, int controllerPort) {
        return """
                # written by the local stack on every start; edit KafkaBroker.java instead
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                # topics are created by the stack with chosen partition counts, never by a typo
                auto.create.topics.enable=false
                num.partitions=6
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # a one-node cluster: no reason to wait for more consumers to join a group
                group.initial.rebalance.delay.ms=0
                %4$slog.retention.hours=168
                log.segment.bytes=67108864
                """.formatted(port, controllerPort, logDirs.toAbsolutePath(), CONSUMER_GROUPS);
    }

    /**
     * One node of a three-node cluster: every node is broker and controller, the quorum is static
     * ({@code controller.quorum.voters}). Topics get the replication factor and {@code min.insync.replicas} by
     * default, the internal topics (offsets, transactions) too, so a topic a service creates itself (erp-sync's
     * ledger, its DLT) is replicated like the stack's own.
     */
    static String nodeProperties(int nodeId, Path logDirs, int port, int controllerPort, String voters,
                                 int replication, int minInSync) {
        return """
                # written by the local stack on every start; edit KafkaBroker.java instead
                process.roles=broker,controller
                node.id=%1$d
                controller.quorum.voters=%4$s
                listeners=PLAINTEXT://127.0.0.1:%2$d,CONTROLLER://127.0.0.1:%3$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%2$d,CONTROLLER://127.0.0.1:%3$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%5$s
                auto.create.topics.enable=false
                num.partitions=6
                default.replication.factor=%6$d
                min.insync.replicas=%7$d
                offsets.topic.replication.factor=%6$d
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=%6$d
                transaction.state.log.min.isr=%7$d
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=%6$d
                share.coordinator.state.topic.min.isr=%7$d
                # never elect a replica that is out of sync: losing acknowledged records is worse than waiting
                unclean.leader.election.enable=false
                group.initial.rebalance.delay.ms=0
                %8$slog.retention.hours=168
                log.segment.bytes=67108864
                """.formatted(nodeId, port, controllerPort, voters, logDirs.toAbsolutePath(), replication, minInSync,
                CONSUMER_GROUPS);
    }

    /** Console logging; the stack sends the broker's stdout to its log file. */
    static final String LOG4J2 = """
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = info
            rootLogger.appenderRef.console.ref = STDOUT
            logger.kafka.name = kafka
            logger.kafka.level = info
            logger.state.name = state.change.logger
            logger.state.level = warn
            logger.request.name = kafka.request.logger
            logger.request.level = warn
            """;
}
