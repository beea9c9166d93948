package com.mallsync.system.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.mallsync.stack.lifecycle.LifecycleMix;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * When each fault of a run happens, relative to the start of sending: each consumer service SIGKILLed twice and
 * started again, each sandbox down once for {@code outage}, the broker restarted once. The faults are spread over
 * the sending window so orders keep arriving through all of them, and the two sandbox outages do not overlap.
 *
 * <p>On a {@linkplain Topology#cluster cluster} (three brokers, two instances of each service) instance 1 of each
 * consumer is the one SIGKILLed twice, instance 2 of each is SIGSTOPped for {@link Topology#freeze()} (longer than
 * its session timeout: the group gives its partitions away, and when it is SIGCONTed it wakes up holding work) and
 * the broker restart becomes a SIGKILL of the broker leading most partitions of {@code orders.paid.v1}, started
 * again after {@link #LEADER_DOWN}.
 *
 * @param orders   how many orders the mall pushes
 * @param rate     orders per second
 * @param outage   how long each sandbox is down
 * @param errorRate   share of sandbox calls answered with a 5xx, throughout
 * @param timeoutRate share of sandbox calls that time out, throughout
 * @param timeoutMs   how long a timed-out sandbox call hangs
 * @param mix         how the orders live on after payment (their later pushes: confirmed, cancelled, lines refunded)
 * @param later       about how long after one push of an order its next one is sent
 * @param erpDuplicateCode the Code with which the ERP refuses a second order with the same {@code OuterID}, or
 *                    {@code null} for the ERP as the seed documents it, with no such check. Without one, a SIGKILL of
 *                    erp-sync between the ERP creating an order and erp-sync recording the answer can leave the
 *                    order created twice (flagged in doubt: the known limit in the README); with one, a resend in
 *                    doubt is answered DUPLICATE and every sale and return must be held exactly once.
 * @param staticMembership each consumer service started with its own stable {@code group.instance.id} (as a
 *                    deployment with stable instance names would be): a SIGKILLed instance started again takes its
 *                    partitions back at once instead of waiting for its predecessor's session to time out
 * @param consumerProtocol each consumer service in its group by KIP-848's {@code group.protocol=consumer} (the
 *                    broker assigns; the stack's brokers give such groups the same 10 s session) instead of the
 *                    classic protocol, the services' default
 * @param topology    how many brokers and instances of each service, and how long an instance is frozen
 */
public record FaultPlan(int orders, double rate, Duration outage, double errorRate, double timeoutRate,
                        long timeoutMs, LifecycleMix mix, Duration later, String erpDuplicateCode,
                        boolean staticMembership, boolean consumerProtocol, Topology topology) {

    /** How long the SIGKILLed leader stays down on a cluster before it is started again. */
    public static final Duration LEADER_DOWN = Duration.ofSeconds(10);

    /**
     * How long an instance is SIGSTOPped on a cluster: well over the consumers' 10 s session timeout and their
     * producers' 10 s transaction timeout, so it wakes up removed from the group and with its transaction aborted.
     */
    public static final Duration CLUSTER_FREEZE = Duration.ofSeconds(25);

    /**
     * What the run starts.
     *
     * @param brokers   1, or 3 for a KRaft cluster (replication factor 3, {@code min.insync.replicas} 2)
     * @param instances how many of ingest, member-sync and erp-sync each
     * @param freeze    how long instance 2 of each consumer is SIGSTOPped (zero: not at all)
     */
    public record Topology(int brokers, int instances, Duration freeze) {

        /** One broker, one instance of everything: {@code ./fault-run}. */
        public static final Topology SINGLE = new Topology(1, 1, Duration.ZERO);

        /** Three brokers, two instances of each service, instance 2 of each consumer frozen for {@code freeze}. */
        public static Topology cluster(Duration freeze) {
            return new Topology(3, 2, freeze);
        }

        public boolean isCluster() {
            return brokers > 1;
        }

        @Override
        public String toString() {
            return brokers + " broker" + (brokers == 1 ? "" : "s") + ", " + instances + " instance"
                    + (instances == 1 ? "" : "s") + " of each service"
                    + (freeze.isZero() ? "" : ", instance 2 of each consumer frozen for " + freeze.toSeconds() + " s");
        }
    }

    /** A plan with the issue's lifecycle mix (80% confirmed, 5% cancelled, 5% of lines refunded), 2 s apart. */
    public FaultPlan(int orders, double rate, Duration outage, double errorRate, double timeoutRate, long timeoutMs) {
        this(orders, rate, outage, errorRate, timeoutRate, timeoutMs, LifecycleMix.TYPICAL, Duration.ofSeconds(2),
                null, true, false, Topology.SINGLE);
    }

    /** The same plan against an ERP that refuses a second {@code OuterID} with {@code code}. */
    public FaultPlan withErpDuplicateCheck(String code) {
        return new FaultPlan(orders, rate, outage, errorRate, timeoutRate, timeoutMs, mix, later, code,
                staticMembership, consumerProtocol, topology);
    }

    /** The same plan with dynamic group membership (the services' default): the baseline for recovery times. */
    public FaultPlan withDynamicMembership() {
        return new FaultPlan(orders, rate, outage, errorRate, timeoutRate, timeoutMs, mix, later, erpDuplicateCode,
                false, consumerProtocol, topology);
    }

    /** The same plan with the consumer groups on KIP-848's protocol ({@code group.protocol=consumer}). */
    public FaultPlan withConsumerProtocol() {
        return new FaultPlan(orders, rate, outage, errorRate, timeoutRate, timeoutMs, mix, later, erpDuplicateCode,
                staticMembership, true, topology);
    }

    /** The same plan on a three-broker cluster with two instances of each service, instance 2 frozen for {@code freeze}. */
    public FaultPlan onCluster(Duration freeze) {
        return new FaultPlan(orders, rate, outage, errorRate, timeoutRate, timeoutMs, mix, later, erpDuplicateCode,
                staticMembership, consumerProtocol, Topology.cluster(freeze));
    }

    /** What instance 1 of each service must be started with for this plan (their configuration keys). */
    public Map<Part, List<String>> serviceArgs() {
        return serviceArgs(1);
    }

    /**
     * What instance {@code n} of each service must be started with: with static membership each its own stable
     * {@code group.instance.id} ({@code member-sync-n}, {@code erp-sync-n}), and every erp-sync the duplicate code.
     */
    public Map<Part, List<String>> serviceArgs(int n) {
        List<String> memberSync = new ArrayList<>();
        List<String> erpSync = new ArrayList<>();
        if (staticMembership) {
            memberSync.add("--member-sync.consumer.group-instance-id=member-sync-" + n);
            erpSync.add("--erp-sync.consumer.group-instance-id=erp-sync-" + n);
        }
        if (erpDuplicateCode != null) {
            erpSync.add("--erp-sync.erp.duplicate-codes=" + erpDuplicateCode);
        }
        if (consumerProtocol) {
            memberSync.add("--spring.kafka.consumer.properties.group.protocol=consumer");
            erpSync.add("--spring.kafka.consumer.properties.group.protocol=consumer");
        }
        return Map.of(Part.INGEST, List.of(), Part.MEMBER_SYNC, List.copyOf(memberSync), Part.ERP_SYNC,
                List.copyOf(erpSync));
    }

    /** The issue's run: 10,000 orders with the lifecycle mix, 10% 5xx and 5% timeouts, 60 s outages. */
    public static FaultPlan full() {
        return new FaultPlan(10_000, 50, Duration.ofSeconds(60), 0.10, 0.05, 5_000);
    }

    /** The test-suite run: the same faults and mix, fewer orders and shorter outages, to fit CI's budget. */
    public static FaultPlan shortened() {
        return new FaultPlan(400, 5, Duration.ofSeconds(15), 0.10, 0.05, 3_000);
    }

    /** How long the mall keeps pushing. */
    public Duration sendingWindow() {
        return Duration.ofMillis((long) (orders * 1000 / rate));
    }

    /** The faults in time order. */
    public List<Step> steps() {
        long window = sendingWindow().toMillis();
        if (window < 2 * outage.toMillis() + 10_000) {
            throw new IllegalArgumentException("sending window " + sendingWindow()
                    + " too short for two non-overlapping outages of " + outage);
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(at(window, 0.05), Action.KILL_AND_START, Part.MEMBER_SYNC, Duration.ZERO, 1));
        steps.add(new Step(at(window, 0.10), Action.OUTAGE, Part.CRM_SANDBOX, outage, 1));
        steps.add(new Step(at(window, 0.20), Action.KILL_AND_START, Part.ERP_SYNC, Duration.ZERO, 1));
        long afterCrm = at(window, 0.10).toMillis() + outage.toMillis();
        Duration brokerAt = Duration.ofMillis(Math.max(at(window, 0.40).toMillis(), afterCrm + 2_000));
        steps.add(topology.isCluster() ? new Step(brokerAt, Action.LEADER_KILL_AND_START, null, LEADER_DOWN, 1)
                : new Step(brokerAt, Action.BROKER_RESTART, null, Duration.ZERO, 1));
        Duration erpDown = Duration.ofMillis(Math.max(at(window, 0.45).toMillis(), afterCrm + 5_000));
        steps.add(new Step(erpDown, Action.OUTAGE, Part.ERP_SANDBOX, outage, 1));
        steps.add(new Step(at(window, 0.60), Action.KILL_AND_START, Part.MEMBER_SYNC, Duration.ZERO, 1));
        steps.add(new Step(at(window, 0.75), Action.KILL_AND_START, Part.ERP_SYNC, Duration.ZERO, 1));
        if (topology.instances() > 1 && !topology.freeze().isZero()) {
            steps.add(new Step(at(window, 0.28), Action.FREEZE, Part.MEMBER_SYNC, topology.freeze(), 2));
            steps.add(new Step(at(window, 0.50), Action.FREEZE, Part.ERP_SYNC, topology.freeze(), 2));
        }
        steps.sort(Comparator.comparing(Step::at));
        return List.copyOf(steps);
    }

    private static Duration at(long window, double share) {
        return Duration.ofMillis((long) (window * share));
    }

    /**
     * What a step does: SIGKILL a service instance and start it again; take a sandbox down; restart the single
     * broker gracefully; SIGKILL a cluster's busiest leader and start it again after a while; SIGSTOP a service
     * instance and SIGCONT it after a while.
     */
    public enum Action { KILL_AND_START, OUTAGE, BROKER_RESTART, LEADER_KILL_AND_START, FREEZE }

    /**
     * One fault.
     *
     * @param at  when, from the start of sending
     * @param part the process or sandbox it hits; {@code null} for the broker
     * @param lasting how long an outage, a freeze or a killed leader's absence lasts
     * @param instance which instance of {@code part} (1, 2, …)
     */
    public record Step(Duration at, Action action, Part part, Duration lasting, int instance) {

        @Override
        public String toString() {
            return String.format("t=%5.1fs %s %s%s%s", at.toMillis() / 1000.0, action,
                    part == null ? "broker" : part, instance == 1 ? "" : " #" + instance,
                    lasting.isZero() ? "" : " for " + lasting.toSeconds() + " s");
        }
    }
}
