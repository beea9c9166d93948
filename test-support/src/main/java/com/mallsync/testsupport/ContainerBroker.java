package com.mallsync.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** The Testcontainers Kafka module: the official {@code apache/kafka} image in KRaft mode. */
final class ContainerBroker implements KafkaTestBroker {

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static ContainerBroker start() {
        String image = System.getProperty("it.kafka.image", "apache/kafka:4.2.1");
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        LOG.info("Testcontainers Kafka ({}) at {}", image, container.getBootstrapServers());
        return new ContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
