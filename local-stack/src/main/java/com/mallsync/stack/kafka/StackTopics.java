package com.mallsync.stack.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import com.mallsync.model.Topics;

/**
 * The topics of the system and their partition counts.
 *
 * <p>Six partitions for {@code orders.paid.v1}: up to six consumer instances per group, which is more than one
 * machine needs and cheap for a broker. The DLTs get exactly as many partitions as the source, because
 * spring-kafka's {@code DeadLetterPublishingRecoverer} writes to the same partition number (ARCHITECTURE.md,
 * "Known traps"). The outcomes topic has six too: its consumers (the console, tools) read it whole.
 */
public final class StackTopics {

    public static final int PARTITIONS = 6;

    private StackTopics() {
    }

    /** The topics with their partition counts, in creation order. */
    public static Map<String, Integer> plan() {
        return Map.of(
                Topics.ORDERS_PAID, PARTITIONS,
                Topics.ORDERS_OUTCOMES, PARTITIONS,
                Topics.MEMBER_SYNC_DLT, PARTITIONS,
                Topics.ERP_SYNC_DLT, PARTITIONS);
    }

    /** Creates the topics that do not exist yet (idempotent: a restart of the stack keeps its topics). */
    public static List<String> createMissing(String bootstrapServers) {
        return createMissing(bootstrapServers, 1, 1);
    }

    /**
     * The same with a replication factor and {@code min.insync.replicas}: 1 and 1 on the single broker, 3 and 2 on
     * the three-broker cluster ({@link KafkaCluster}).
     */
    public static List<String> createMissing(String bootstrapServers, int replicationFactor, int minInSyncReplicas) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            plan().forEach((topic, partitions) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) replicationFactor).configs(
                            Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSyncReplicas))));
                }
            });
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
