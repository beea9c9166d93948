package com.mallsync.stack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.model.Retention;
import com.mallsync.model.Topics;

/**
 * The topics of the system, their partition counts and their retention.
 *
 * <p>Six partitions for {@code orders.paid.v1}: up to six consumer instances per group, which is more than one
 * machine needs and cheap for a broker. The DLTs get exactly as many partitions as the source, because
 * spring-kafka's {@code DeadLetterPublishingRecoverer} writes to the same partition number (ARCHITECTURE.md,
 * "Known traps"). The outcomes topic has six too: its consumers (the console, tools) read it whole.
 *
 * <p>Retention: each topic's {@code retention.ms} is {@link Retention#ofTopics()} (the outcomes topic keeps the
 * 60-day after-sale window the outcome indexes remember, not the broker's 7 days). A topic that already exists with
 * another retention (data from an older version of the stack) is altered to the planned one and the change logged:
 * the stack owns its topics, and an outcomes topic kept shorter than the services' window would make them refuse
 * to start.
 */
public final class StackTopics {

    private static final Logger LOG = LoggerFactory.getLogger(StackTopics.class);

    public static final int PARTITIONS = 6;

    /**
     * What the set-up did.
     *
     * @param created the topics it created, by name
     * @param altered the existing topics whose retention it changed
     */
    public record Setup(List<String> created, List<RetentionChange> altered) {
    }

    /** An existing topic's {@code retention.ms} changed from {@code from} (as the broker described it) to {@code to}. */
    public record RetentionChange(String topic, String from, long to) {
        @Override
        public String toString() {
            return topic + " retention.ms " + from + " -> " + to;
        }
    }

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

    /** {@code retention.ms} the stack gives {@code topic}; -1 (the broker's default applies) for a topic it has none for. */
    public static long retentionMs(String topic) {
        Duration kept = Retention.ofTopics().get(topic);
        return kept == null ? -1 : kept.toMillis();
    }

    /** The configuration {@code topic} is created with: its retention and {@code min.insync.replicas}. */
    public static Map<String, String> configs(String topic, int minInSyncReplicas) {
        Map<String, String> configs = new TreeMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSyncReplicas));
        if (retentionMs(topic) >= 0) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs(topic)));
        }
        return configs;
    }

    /**
     * The existing planned topics whose retention is not the planned one, given each one's {@code retention.ms} as
     * the broker describes it ({@code null}: not described); sorted by topic. A value that is not a number counts
     * as different.
     */
    public static List<RetentionChange> retentionChanges(Map<String, String> described) {
        List<RetentionChange> changes = new ArrayList<>();
        new TreeMap<>(described).forEach((topic, value) -> {
            long planned = retentionMs(topic);
            if (!plan().containsKey(topic) || planned < 0) {
                return;
            }
            if (!String.valueOf(planned).equals(value == null ? null : value.trim())) {
                changes.add(new RetentionChange(topic, value, planned));
            }
        });
        return changes;
    }

    /** Creates the topics that do not exist yet and aligns the retention of those that do (see the class comment). */
    public static Setup createMissing(String bootstrapServers) {
        return createMissing(bootstrapServers, 1, 1);
    }

    /**
     * The same with a replication factor and {@code min.insync.replicas}: 1 and 1 on the single broker, 3 and 2 on
     * the three-broker cluster ({@link KafkaCluster}).
     */
    public static Setup createMissing(String bootstrapServers, int replicationFactor, int minInSyncReplicas) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<String> present = new ArrayList<>();
            plan().forEach((topic, partitions) -> {
                if (existing.contains(topic)) {
                    present.add(topic);
                } else {
                    missing.add(new NewTopic(topic, partitions, (short) replicationFactor)
                            .configs(configs(topic, minInSyncReplicas)));
                }
            });
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            List<RetentionChange> altered = alignRetention(admin, present);
            return new Setup(missing.stream().map(NewTopic::name).sorted().toList(), altered);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set up the topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<RetentionChange> alignRetention(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<RetentionChange> changes = retentionChanges(describeRetention(admin, topics));
        if (changes.isEmpty()) {
            return changes;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (RetentionChange change : changes) {
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, change.topic()), List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(change.to())),
                    AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
        changes.forEach(c -> LOG.warn("topic {} kept its records {} ms, not the {} ms the stack plans "
                + "(Retention.ofTopics()): retention.ms altered to {}", c.topic(), c.from(), c.to(), c.to()));
        awaitRetention(admin, changes.stream().map(RetentionChange::topic).toList());
        return changes;
    }

    /**
     * Waits until the broker describes the planned retention for {@code topics}: an altered config reaches its
     * metadata a moment after the controller took it, and the services check it as soon as they start.
     */
    private static void awaitRetention(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<RetentionChange> left = retentionChanges(describeRetention(admin, topics));
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker still describes " + left + " 30 s after the change");
            }
            Thread.sleep(100);
            left = retentionChanges(describeRetention(admin, topics));
        }
    }

    private static Map<String, String> describeRetention(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
        Map<String, String> described = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.RETENTION_MS_CONFIG);
            described.put(resource.name(), entry == null ? null : entry.value());
        });
        return described;
    }
}
