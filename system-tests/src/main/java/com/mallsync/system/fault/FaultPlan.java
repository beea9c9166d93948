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
 */
public record FaultPlan(int orders, double rate, Duration outage, double errorRate, double timeoutRate,
                        long timeoutMs, LifecycleMix mix, Duration later, String erpDuplicateCode,
                        boolean staticMembership) {

    /** A plan with the lifecycle mix (80% confirmed, 5% cancelled, 5% of lines refunded), 2 s apart. */
    public FaultPlan(int orders, double rate, Duration outage, double errorRate, double timeoutRate, long timeoutMs) {
        this(orders, rate, outage, errorRate, timeoutRate, timeoutMs, LifecycleMix.TYPICAL, Duration.ofSeconds(2),
                null, true);
    }

    /** The same plan against an ERP that refuses a second {@code OuterID} with {@code code}. */
    public FaultPlan withErpDuplicateCheck(String code) {
        return new FaultPlan(orders, rate, outage, errorRate, timeoutRate, timeoutMs, mix, later, code,
                staticMembership);
    }

    /** The same plan with dynamic group membership (the services' default): the baseline for recovery times. */
    public FaultPlan withDynamicMembership() {
        return new FaultPlan(orders, rate, outage, errorRate, timeoutRate, timeoutMs, mix, later, erpDuplicateCode,
                false);
    }

    /** What the consumer services must be started with for this plan (their configuration keys). */
    public Map<Part, List<String>> serviceArgs() {
        List<String> memberSync = new ArrayList<>();
        List<String> erpSync = new ArrayList<>();
        if (staticMembership) {
            memberSync.add("--member-sync.consumer.group-instance-id=member-sync-1");
            erpSync.add("--erp-sync.consumer.group-instance-id=erp-sync-1");
        }
        if (erpDuplicateCode != null) {
            erpSync.add("--erp-sync.erp.duplicate-codes=" + erpDuplicateCode);
        }
        return Map.of(Part.MEMBER_SYNC, List.copyOf(memberSync), Part.ERP_SYNC, List.copyOf(erpSync));
    }

    /** The run: 10,000 orders with the lifecycle mix, 10% 5xx and 5% timeouts, 60 s outages. */
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
        steps.add(new Step(at(window, 0.05), Action.KILL_AND_START, Part.MEMBER_SYNC, Duration.ZERO));
        steps.add(new Step(at(window, 0.10), Action.OUTAGE, Part.CRM_SANDBOX, outage));
        steps.add(new Step(at(window, 0.20), Action.KILL_AND_START, Part.ERP_SYNC, Duration.ZERO));
        long afterCrm = at(window, 0.10).toMillis() + outage.toMillis();
        steps.add(new Step(Duration.ofMillis(Math.max(at(window, 0.40).toMillis(), afterCrm + 2_000)),
                Action.BROKER_RESTART, null, Duration.ZERO));
        Duration erpDown = Duration.ofMillis(Math.max(at(window, 0.45).toMillis(), afterCrm + 5_000));
        steps.add(new Step(erpDown, Action.OUTAGE, Part.ERP_SANDBOX, outage));
        steps.add(new Step(at(window, 0.60), Action.KILL_AND_START, Part.MEMBER_SYNC, Duration.ZERO));
        steps.add(new Step(at(window, 0.75), Action.KILL_AND_START, Part.ERP_SYNC, Duration.ZERO));
        steps.sort(Comparator.comparing(Step::at));
        return List.copyOf(steps);
    }

    private static Duration at(long window, double share) {
        return Duration.ofMillis((long) (window * share));
    }

    /** What a step does. */
    public enum Action { KILL_AND_START, OUTAGE, BROKER_RESTART }

    /**
     * One fault.
     *
     * @param at  when, from the start of sending
     * @param part the process or sandbox it hits; {@code null} for the broker
     * @param lasting how long an outage lasts
     */
    public record Step(Duration at, Action action, Part part, Duration lasting) {

        @Override
        public String toString() {
            return String.format("t=%5.1fs %s %s%s", at.toMillis() / 1000.0, action, part == null ? "broker" : part,
                    lasting.isZero() ? "" : " for " + lasting.toSeconds() + " s");
        }
    }
}
