package com.mallsync.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The configuration a service relies on, checked at start: the topics exist, have at least the configured
 * replication factor, and those that must be compacted are. A service whose topics are wrong refuses to start with
 * one message naming every problem and the fix, rather than losing its ledger to retention later.
 */
public final class TopicCheck {

    /** No bound on how long a topic keeps its records. */
    public static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    /**
     * One topic's requirements.
     *
     * @param mustExist    a missing topic is a problem (else nothing is checked for it until it exists)
     * @param keepsAtLeast the topic must keep its records at least this long (its {@code retention.ms}, when its
     *                     policy deletes): a ledger that forgets sooner than its window ({@code Duration.ZERO}: any)
     * @param keepsAtMost  the topic must not keep them longer ({@link #FOREVER}: any): a record an index has
     *                     forgotten could come back (a redelivery, a replay) while the topic still holds it
     */
    public record Expect(String topic, boolean mustExist, boolean compacted, int minReplicationFactor,
                         Duration keepsAtLeast, Duration keepsAtMost) {

        public Expect(String topic, boolean compacted, int minReplicationFactor) {
            this(topic, true, compacted, minReplicationFactor, Duration.ZERO, FOREVER);
        }

        /** A topic that must exist, keeping its records at least {@code window}. */
        public Expect keepingAtLeast(Duration window) {
            return new Expect(topic, mustExist, compacted, minReplicationFactor, window, keepsAtMost);
        }

        /** A topic, when it exists, whose records must be gone after {@code window}. */
        public static Expect keepingAtMost(String topic, Duration window) {
            return new Expect(topic, false, false, 0, Duration.ZERO, window);
        }
    }

    private static final String MISSING = " does not exist";

    private TopicCheck() {
    }

    /** Throws {@link IllegalStateException} naming every problem, if there is any. */
    public static void require(Admin admin, List<Expect> expected, Duration timeout, String service) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = problems(admin, expected, timeout);
        // A topic created a moment ago (by this service just before, or by a set-up script) may not be listed by
        // every broker yet: a missing topic gets the timeout to appear before it counts. Wrong settings do not wait.
        while (problems.stream().anyMatch(p -> p.contains(MISSING)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            problems = problems(admin, expected, timeout);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(service + " refuses to start, its topics are not as it needs them: "
                    + String.join("; ", problems));
        }
    }

    /**
     * {@code retention.ms} as a duration: {@link #FOREVER} when it is -1, or when the policy does not delete
     * (compaction alone keeps every key's latest record).
     */
    static Duration kept(String cleanupPolicy, String retentionMs) {
        Set<String> policies = Set.of(cleanupPolicy.replace(" ", "").split(","));
        if (!policies.contains(TopicConfig.CLEANUP_POLICY_DELETE) || retentionMs == null || retentionMs.isBlank()) {
            return FOREVER;
        }
        long ms = Long.parseLong(retentionMs.trim());
        return ms < 0 ? FOREVER : Duration.ofMillis(ms);
    }

    private static String describe(Duration kept) {
        return kept.equals(FOREVER) ? "forever" : kept.toString();
    }

    /** Every way the topics differ from what is expected (empty when all is well). */
    public static List<String> problems(Admin admin, List<Expect> expected, Duration timeout) {
        List<String> problems = new ArrayList<>();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Expect> present = new ArrayList<>();
            for (Expect e : expected) {
                if (existing.contains(e.topic())) {
                    present.add(e);
                } else if (e.mustExist()) {
                    problems.add("topic " + e.topic() + MISSING + " (create it"
                            + (e.compacted() ? " with cleanup.policy=compact" : "") + ")");
                }
            }
            if (present.isEmpty()) {
                return problems;
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(
                    present.stream().map(Expect::topic).toList()).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                    .map(e -> new ConfigResource(ConfigResource.Type.TOPIC, e.topic())).toList()).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (Expect e : present) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, e.topic()));
                var policyEntry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                var retentionEntry = config.get(TopicConfig.RETENTION_MS_CONFIG);
                Duration kept = kept(policyEntry == null || policyEntry.value() == null ? "delete" : policyEntry.value(),
                        retentionEntry == null ? null : retentionEntry.value());
                if (kept.compareTo(e.keepsAtLeast()) < 0) {
                    problems.add("topic " + e.topic() + " keeps its records " + describe(kept) + ", shorter than the "
                            + e.keepsAtLeast() + " the service remembers them for (set retention.ms >= "
                            + e.keepsAtLeast().toMillis() + ")");
                }
                if (kept.compareTo(e.keepsAtMost()) > 0) {
                    problems.add("topic " + e.topic() + " keeps its records " + describe(kept) + ", longer than the "
                            + "service's window of " + e.keepsAtMost() + ": a record it has forgotten could be "
                            + "delivered again (set retention.ms <= " + e.keepsAtMost().toMillis()
                            + " or widen the window)");
                }
                int replicas = descriptions.get(e.topic()).partitions().stream()
                        .mapToInt(p -> p.replicas().size()).min().orElse(0);
                if (replicas < e.minReplicationFactor()) {
                    problems.add("topic " + e.topic() + " has replication factor " + replicas + ", below the minimum "
                            + e.minReplicationFactor());
                }
                if (e.compacted()) {
                    var entry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, e.topic()))
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG);
                    String policy = entry == null || entry.value() == null ? "" : entry.value();
                    Set<String> policies = Set.of(policy.replace(" ", "").split(","));
                    if (!policies.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                        problems.add("topic " + e.topic() + " has cleanup.policy=" + policy + " but must be compacted"
                                + " (cleanup.policy=compact; retention would delete what it records)");
                    }
                }
            }
        } catch (ExecutionException e) {
            problems.add("could not describe the topics " + expected.stream().map(Expect::topic)
                    .collect(Collectors.joining(", ")) + ": " + e.getCause());
        } catch (TimeoutException e) {
            problems.add("the broker did not describe the topics within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while checking the topics");
        }
        return problems;
    }
}
