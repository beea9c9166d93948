package com.mallsync.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.stack.process.HealthCheck;
import com.mallsync.stack.process.ManagedProcess;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running as its own process from the
 * {@code kafka_2.13} jars that the build copies to {@code local-stack/target/kafka-libs}: the same two steps as the
 * Kafka distribution's scripts ({@code kafka-storage.sh format --standalone}, then {@code kafka-server-start.sh}).
 *
 * <p>Data (log dirs, metadata) lives under {@code dataDir}; {@link #restart()} keeps it, so a restart is a broker
 * outage, not a new cluster. The storage is formatted once, when {@code meta.properties} is missing.
 *
 * <p>{@link KafkaCluster} starts three of these as one cluster ({@link #prepareNode}).
 */
public final class KafkaBroker extends ManagedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final Path libs;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;

    private final int nodeId;

    private KafkaBroker(String name, int nodeId, List<String> command, Path libs, Path dataDir, Path logFile,
                        int port, int controllerPort) {
        super(name, command, dataDir, logFile, brokerAnswers("127.0.0.1:" + port), "127.0.0.1:" + port);
        this.nodeId = nodeId;
        this.libs = libs;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Prepares (config files, formatted storage) but does not start a broker.
     *
     * @param libs           the folder of the broker's jars ({@code local-stack/target/kafka-libs})
     * @param dataDir        its own folder: config, metadata and log segments
     * @param logFile        where the broker logs
     * @param port           the client listener ({@code PLAINTEXT}), on 127.0.0.1
     * @param controllerPort the KRaft controller listener, on 127.0.0.1
     */
    public static KafkaBroker prepare(Path libs, Path dataDir, Path logFile, int port, int controllerPort) {
        return prepare("kafka", 1, libs, dataDir, logFile, port, controllerPort,
                BrokerConfig.serverProperties(dataDir.resolve("logs"), port, controllerPort),
                List.of("--standalone", "--cluster-id", Uuid.randomUuid().toString()));
    }

    /**
     * Prepares one node of a {@link KafkaCluster}: broker and controller, one of the static quorum's voters.
     *
     * @param voters    the quorum, {@code 1@127.0.0.1:port,2@...}, the same on every node
     * @param clusterId the cluster's id, the same on every node (formatted with it)
     */
    static KafkaBroker prepareNode(int nodeId, Path libs, Path dataDir, Path logFile, int port, int controllerPort,
                                   String voters, String clusterId, int replication, int minInSync) {
        return prepare("kafka-" + nodeId, nodeId, libs, dataDir, logFile, port, controllerPort,
                BrokerConfig.nodeProperties(nodeId, dataDir.resolve("logs"), port, controllerPort, voters, replication, minInSync),
                List.of("--cluster-id", clusterId));
    }

    private static KafkaBroker prepare(String name, int nodeId, Path libs, Path dataDir, Path logFile, int port,
                                       int controllerPort, String properties, List<String> formatArgs) {
        if (!Files.isDirectory(libs) || !Files.exists(libs.resolve("kafka_2.13-" + kafkaVersion(libs) + ".jar"))) {
            throw new IllegalStateException("no Kafka broker jars in " + libs
                    + ": build first (./mvnw -B -q -DskipTests package)");
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path config = dataDir.resolve("server.properties");
            Files.writeString(config, properties);
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, BrokerConfig.LOG4J2);
            List<String> java = javaCommand(libs, log4j);
            KafkaBroker broker = new KafkaBroker(name, nodeId, withMain(java, "kafka.Kafka", config.toString()), libs,
                    dataDir, logFile, port, controllerPort);
            broker.formatOnce(java, config, formatArgs);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's {@code node.id} (1 for the single broker). */
    public int nodeId() {
        return nodeId;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * {@code kafka-storage format}, only for a new data folder: {@code --standalone} for the single broker, the
     * cluster's id for a node of a static quorum.
     */
    private void formatOnce(List<String> java, Path config, List<String> formatArgs) throws IOException {
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("format"));
        args.addAll(formatArgs);
        args.addAll(List.of("--config", config.toString(), "--ignore-formatted"));
        List<String> format = withMain(java, "kafka.tools.StorageTool", args.toArray(String[]::new));
        Files.createDirectories(logFile().getParent());
        Process process = new ProcessBuilder(format).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + logFile() + "\n" + tail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LOG.info("formatted Kafka storage in {} ({})", dataDir, formatArgs);
    }

    private static HealthCheck brokerAnswers(String bootstrap) {
        HealthCheck port = HealthCheck.tcp("127.0.0.1", Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)));
        return () -> {
            if (!port.check()) {
                return false;
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000))) {
                return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
            } catch (Exception e) {
                return false;
            }
        };
    }

    private static List<String> javaCommand(Path libs, Path log4j) {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-Xms256m");
        java.add("-Xmx512m");
        java.add("-XX:+UseG1GC");
        java.add("-Djava.awt.headless=true");
        java.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        java.add("-cp");
        java.add(libs.toAbsolutePath() + "/*");
        return java;
    }

    private static List<String> withMain(List<String> java, String main, String... args) {
        List<String> command = new ArrayList<>(java);
        command.add(main);
        command.addAll(List.of(args));
        return command;
    }

    private static String kafkaVersion(Path libs) {
        try (var files = Files.list(libs)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("kafka_2.13-") && f.endsWith(".jar"))
                    .map(f -> f.substring("kafka_2.13-".length(), f.length() - ".jar".length()))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
