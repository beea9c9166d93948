package com.mallsync.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * The stack's Kafka: one {@link KafkaBroker} ({@link #single}, replication factor 1), or three broker processes as
 * one KRaft cluster ({@link #prepare}): every node is broker and controller, a static
 * three-voter quorum (it survives the loss of any one node, which is what the fault runs do to it), topics with
 * replication factor 3 and {@code min.insync.replicas} 2, so an {@code acks=all} write is on two replicas at least
 * and still accepted while one broker is down.
 *
 * <p>Combined nodes rather than separate controllers: three processes instead of six on a two-core machine, and a
 * SIGKILL of a node then also takes out a controller (possibly the active one), the harder case.
 *
 * <p>Each node's data is in {@code <dir>/node-N}; the cluster id is kept in {@code <dir>/cluster.id}, so a restart
 * of the stack (without {@code --clean}) finds its cluster again.
 */
public final class KafkaCluster {

    public static final int REPLICATION_FACTOR = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private final List<KafkaBroker> nodes;
    private final int replicationFactor;
    private final int minInSyncReplicas;

    private KafkaCluster(List<KafkaBroker> nodes, int replicationFactor, int minInSyncReplicas) {
        this.nodes = List.copyOf(nodes);
        this.replicationFactor = replicationFactor;
        this.minInSyncReplicas = minInSyncReplicas;
    }

    /** The single broker as a "cluster" of one: topics with replication factor 1. */
    public static KafkaCluster single(KafkaBroker broker) {
        return new KafkaCluster(List.of(broker), 1, 1);
    }

    /**
     * Prepares (config files, formatted storage) but does not start the nodes.
     *
     * @param ports  per node, its client port and its controller port, node 1 first
     * @param logFor the log file of node N
     */
    public static KafkaCluster prepare(Path libs, Path dir, List<int[]> ports, Function<Integer, Path> logFor) {
        String voters = voters(ports);
        String clusterId = clusterId(dir);
        // formatting is a JVM start each: the three at once
        List<CompletableFuture<KafkaBroker>> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            int node = i + 1;
            int[] p = ports.get(i);
            nodes.add(CompletableFuture.supplyAsync(() -> KafkaBroker.prepareNode(node, libs,
                    dir.resolve("node-" + node), logFor.apply(node), p[0], p[1], voters, clusterId,
                    REPLICATION_FACTOR, MIN_IN_SYNC_REPLICAS)));
        }
        try {
            return new KafkaCluster(nodes.stream().map(CompletableFuture::join).toList(), REPLICATION_FACTOR,
                    MIN_IN_SYNC_REPLICAS);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    static String voters(List<int[]> ports) {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            voters.add((i + 1) + "@127.0.0.1:" + ports.get(i)[1]);
        }
        return String.join(",", voters);
    }

    private static String clusterId(Path dir) {
        Path file = dir.resolve("cluster.id");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nodes, node 1 first. */
    public List<KafkaBroker> nodes() {
        return nodes;
    }

    /** The node with this {@code node.id} (1, 2, 3). */
    public KafkaBroker node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    /** Every node's client listener, comma-separated: what every client gets as its bootstrap servers. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Starts every node at once (a node alone cannot elect a controller: the quorum needs two). */
    public void start() {
        nodes.forEach(KafkaBroker::start);
    }

    /** Waits until each started node answers and the cluster shows all of them. */
    public void awaitReady(Duration within) {
        if (nodes.size() == 1) {
            nodes.get(0).awaitHealthy(within);
            return;
        }
        nodes.stream().map(n -> CompletableFuture.runAsync(() -> n.awaitHealthy(within))).toList()
                .forEach(CompletableFuture::join);
        awaitNodes(nodes.size(), within);
    }

    /**
     * Creates the stack's topics that are missing, with this cluster's replication and the planned retention, and
     * aligns the retention of those that exist ({@link StackTopics}).
     */
    public StackTopics.Setup createTopics() {
        return StackTopics.createMissing(bootstrapServers(), replicationFactor, minInSyncReplicas);
    }

    /**
     * Graceful stop and start of every node, one after the other, each back in the cluster before the next goes
     * (for the single broker: an outage). Clients keep their bootstrap servers and reconnect.
     */
    public void restartEach(Duration within) {
        for (KafkaBroker node : nodes) {
            node.stop();
            startAgain(node.nodeId(), within);
        }
    }

    /** Starts node {@code nodeId} again (same data, same ports) and waits until the cluster shows every node. */
    public void startAgain(int nodeId, Duration within) {
        node(nodeId).start().awaitHealthy(within);
        awaitNodes(nodes.size(), within);
    }

    /** SIGTERM to every node at once: one after the other, the last would wait for a quorum that is gone. */
    public void stop() {
        nodes.parallelStream().forEach(KafkaBroker::stop);
    }

    /** Waits until the cluster's metadata lists {@code count} live brokers. */
    public void awaitNodes(int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                if (seen >= count) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("the cluster shows " + seen + " of " + count + " brokers after " + within);
    }

    /** The node leading most partitions of {@code topic} right now (the lowest node id on a tie). */
    public KafkaBroker leaderOfMostPartitions(String topic) {
        Map<Integer, Long> led = leaders(topic).values().stream()
                .collect(Collectors.groupingBy(Integer::intValue, Collectors.counting()));
        int node = led.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException(topic + " has no partition with a leader"));
        return node(node);
    }

    /** Partition → leader's node id ({@code -1} for a partition without a leader) of {@code topic}. */
    public Map<Integer, Integer> leaders(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            return description.partitions().stream().collect(Collectors.toMap(TopicPartitionInfo::partition,
                    p -> p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe " + topic + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The in-sync replicas' node ids of each partition of {@code topic}. */
    public Map<Integer, List<Integer>> inSyncReplicas(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            return description.partitions().stream().collect(Collectors.toMap(TopicPartitionInfo::partition,
                    p -> p.isr().stream().map(Node::id).sorted().toList()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe " + topic + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // polling the cluster's metadata
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
