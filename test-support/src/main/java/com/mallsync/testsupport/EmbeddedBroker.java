package com.mallsync.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** spring-kafka-test's embedded KRaft broker, one node, in this JVM. */
final class EmbeddedBroker implements KafkaTestBroker {

    private final EmbeddedKafkaKraftBroker broker;

    private final String fixedAddress;

    private EmbeddedBroker(EmbeddedKafkaKraftBroker broker, String fixedAddress) {
        this.broker = broker;
        this.fixedAddress = fixedAddress;
    }

    static EmbeddedBroker start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        Map<String, String> properties = new HashMap<>(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        if (port > 0) {
            // spring-kafka-test 4.1.2's KRaft broker stores kafkaPorts(...) but never applies it, and Kafka's test
            // kit binds its EXTERNAL listener to a pre-bound random port; so clients get a listener of their own
            // (FIXED) at the requested port, next to the test kit's EXTERNAL and CONTROLLER listeners
            properties.put("listeners", "EXTERNAL://localhost:0,FIXED://localhost:" + port + ",CONTROLLER://localhost:0");
            properties.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,FIXED:PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        EmbeddedBroker started = new EmbeddedBroker(broker, port > 0 ? "localhost:" + port : null);
        LOG.info("embedded KRaft broker at {}", started.bootstrapServers());
        return started;
    }

    @Override
    public String bootstrapServers() {
        return fixedAddress != null ? fixedAddress : broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
