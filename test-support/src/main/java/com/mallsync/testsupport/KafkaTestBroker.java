package com.mallsync.testsupport;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for one integration test (class): never a mock.
 *
 * <p>Which broker is chosen by the system property {@code it.kafka}:
 * <ul>
 *   <li>{@code embedded}: spring-kafka-test's embedded KRaft broker, in this JVM;</li>
 *   <li>{@code testcontainers}: the Testcontainers Kafka module ({@code apache/kafka} image, set by
 *       {@code it.kafka.image});</li>
 *   <li>{@code auto} (default): Testcontainers where a Docker engine answers, embedded otherwise. This machine and
 *       CI have no Docker engine, so they run the embedded broker.</li>
 * </ul>
 */
public interface KafkaTestBroker extends AutoCloseable {

    Logger LOG = LoggerFactory.getLogger(KafkaTestBroker.class);

    /** The {@code bootstrap.servers} string for clients and for {@code spring.kafka.bootstrap-servers}. */
    String bootstrapServers();

    /** Stops the broker; its data is gone. */
    @Override
    void close();

    /** Starts a single-node broker chosen by {@code it.kafka}, with auto topic creation off. */
    static KafkaTestBroker start() {
        String mode = System.getProperty("it.kafka", "auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "embedded" -> EmbeddedBroker.start(0);
            case "testcontainers" -> ContainerBroker.start();
            case "auto" -> dockerAnswers() ? ContainerBroker.start() : EmbeddedBroker.start(0);
            default -> throw new IllegalArgumentException("it.kafka must be auto, embedded or testcontainers: " + mode);
        };
    }

    /**
     * Starts an embedded broker on a fixed port, for tests that stop a broker and start it again at the same
     * address (the clients under test keep their bootstrap servers).
     */
    static KafkaTestBroker startEmbeddedOnPort(int port) {
        return EmbeddedBroker.start(port);
    }

    /** Creates topics (idempotent: an existing topic is left as it is). */
    default void createTopics(int partitions, String... topics) {
        create(Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList());
    }

    /** Creates one topic with these topic configs ({@code retention.ms}, …); idempotent as {@link #createTopics}. */
    default void createTopic(String topic, int partitions, Map<String, String> configs) {
        create(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)));
    }

    private void create(List<NewTopic> newTopics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            try {
                admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics "
                            + newTopics.stream().map(NewTopic::name).toList(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("broker did not create topics in 30 s", e);
            }
        }
    }

    /** Whether a Docker engine answers here; cheap when there is plainly none (no socket, no DOCKER_HOST). */
    static boolean dockerAnswers() {
        boolean hint = System.getenv("DOCKER_HOST") != null || new File("/var/run/docker.sock").exists()
                || new File(System.getProperty("user.home"), ".docker/run/docker.sock").exists();
        if (!hint) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            LOG.info("Docker not usable ({}); using the embedded KRaft broker", e.toString());
            return false;
        }
    }

    /** How long ITs wait for asynchronous effects; generous, because the 2-core CI machine is busy. */
    Duration PATIENCE = Duration.ofSeconds(60);
}
