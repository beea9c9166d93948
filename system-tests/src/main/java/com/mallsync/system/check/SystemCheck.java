package com.mallsync.system.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.lifecycle.ExpectedEvent;
import com.mallsync.stack.lifecycle.LifecycleRules;
import com.mallsync.system.check.StoredOrderRefs.Kind;
import com.mallsync.system.check.StoredOrderRefs.Stored;

/**
 * Judges a run: per event pushed, exactly one terminal outcome at each target, the one the lifecycle rules require
 * ({@link LifecycleRules}: SKIPPED is right where by rule nothing is sent); each sandbox holds each sale and each
 * return it is owed exactly once, and nothing it is not owed; nothing on a DLT. A pure function of the
 * {@link RunEvidence}; the fault run, the hostile suite and the tests all use it.
 */
public final class SystemCheck {

    private static final int EXAMPLES = 5;

    private SystemCheck() {
    }

    /** An expected event of one order. */
    private record Owed(String orderNo, ExpectedEvent event) {
    }

    public static Verdict judge(RunEvidence evidence) {
        List<String> violations = new ArrayList<>();
        long sent = evidence.sentOrderNos().size();
        if (sent == 0) {
            violations.add("no order was sent: nothing was proven");
        }
        Map<UUID, Owed> owed = new LinkedHashMap<>();
        evidence.stories().forEach((orderNo, story) -> LifecycleRules.expected(story, evidence.crmTrigger())
                .forEach(e -> owed.put(e.eventId(evidence.mallId(), orderNo), new Owed(orderNo, e))));
        List<SyncOutcome> foreignOutcomes = evidence.outcomes().stream()
                .filter(o -> o.mallId() != evidence.mallId() || !evidence.sentOrderNos().contains(o.orderNo()))
                .toList();
        TargetVerdict crm = target(evidence, owed, evidence.crm(), violations);
        TargetVerdict erp = target(evidence, owed, evidence.erp(), violations);
        long dlt = evidence.dltRecords().values().stream().mapToLong(Long::longValue).sum();
        if (dlt > 0) {
            violations.add("dead-letter records: " + evidence.dltRecords() + " (an outage is not an order failure)");
        }
        evidence.logLinesWithFullMobile().forEach((log, lines) -> {
            if (lines > 0) {
                violations.add(log + ": " + lines + " log lines with a buyer's full mobile (must be 0)");
            }
        });
        return new Verdict(sent, owed.size(), crm, erp, evidence.dltRecords(), foreignOutcomes.size(),
                evidence.logLinesWithFullMobile(), violations);
    }

    private static TargetVerdict target(RunEvidence evidence, Map<UUID, Owed> owed, TargetEvidence stored,
                                        List<String> violations) {
        SyncTarget target = stored.target();
        Set<String> sent = evidence.sentOrderNos();
        List<String> examples = new ArrayList<>();

        // outcomes, per event
        Map<UUID, List<SyncOutcome>> outcomesOf = new HashMap<>();
        Map<SyncStatus, Long> byStatus = new EnumMap<>(SyncStatus.class);
        Map<OrderEvent, Map<SyncStatus, Long>> byEvent = new EnumMap<>(OrderEvent.class);
        long stray = 0;
        Set<String> flaggedOrders = new HashSet<>();
        long inDoubt = 0;
        for (SyncOutcome outcome : evidence.outcomes()) {
            if (outcome.target() != target || outcome.mallId() != evidence.mallId()
                    || !sent.contains(outcome.orderNo())) {
                continue;
            }
            byStatus.merge(outcome.status(), 1L, Long::sum);
            byEvent.computeIfAbsent(outcome.event(), e -> new EnumMap<>(SyncStatus.class))
                    .merge(outcome.status(), 1L, Long::sum);
            if (!owed.containsKey(outcome.eventId())) {
                stray++;
                if (examples.size() < EXAMPLES) {
                    examples.add(outcome.orderNo() + " " + outcome.event() + ": an outcome of an event not pushed ("
                            + outcome.status() + ")");
                }
                continue;
            }
            outcomesOf.computeIfAbsent(outcome.eventId(), k -> new ArrayList<>()).add(outcome);
            if (outcome.inDoubt()) {
                flaggedOrders.add(outcome.orderNo());
                inDoubt++;
            }
        }
        long withoutOutcome = 0;
        long exactlyOne = 0;
        long several = 0;
        long severalOneSynced = 0;
        long notAsExpected = 0;
        long rejectedOrFailed = 0;
        for (Map.Entry<UUID, Owed> e : owed.entrySet()) {
            List<SyncStatus> statuses = outcomesOf.getOrDefault(e.getKey(), List.of()).stream()
                    .map(SyncOutcome::status).toList();
            SyncStatus expected = e.getValue().event().at(target);
            String what = e.getValue().orderNo() + " " + e.getValue().event().fact();
            if (statuses.isEmpty()) {
                withoutOutcome++;
                example(examples, what + ": no outcome (expected " + expected + ")");
                continue;
            }
            boolean allAllowed = statuses.stream().allMatch(s -> allowed(expected, s));
            if (statuses.size() == 1 && allAllowed) {
                exactlyOne++;
            }
            if (statuses.size() > 1) {
                several++;
                if (statuses.stream().filter(s -> s == SyncStatus.SYNCED).count() == 1
                        && statuses.stream().allMatch(s -> s == SyncStatus.SYNCED || s == SyncStatus.DUPLICATE)) {
                    severalOneSynced++;
                }
            }
            if (!allAllowed) {
                notAsExpected++;
            }
            if (statuses.stream().anyMatch(s -> s == SyncStatus.REJECTED || s == SyncStatus.FAILED)) {
                rejectedOrFailed++;
            }
            if (statuses.size() > 1 || !allAllowed) {
                example(examples, what + ": outcomes " + statuses + " (expected " + expected + ")");
            }
        }

        // what the sandbox holds, per order: its sale, its returns
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Set<String>> sales = new HashMap<>();
        Map<String, Set<String>> returns = new HashMap<>();
        long unknownStored = 0;
        for (String entry : stored.storedOrders()) {
            Optional<Stored> of = StoredOrderRefs.of(target, entry, sent);
            if (of.isEmpty()) {
                unknownStored++;
                continue;
            }
            Stored s = of.get();
            copies.merge(s.id(), 1, Integer::sum);
            (s.kind() == Kind.SALE ? sales : returns).computeIfAbsent(s.orderNo(), k -> new HashSet<>()).add(s.id());
        }
        long duplicatesStored = copies.values().stream().mapToLong(n -> n - 1).sum();
        Map<String, long[]> owedPerOrder = new HashMap<>(); // orderNo → {sales, returns}
        for (Owed o : owed.values()) {
            if (o.event().stored(target)) {
                owedPerOrder.computeIfAbsent(o.orderNo(), k -> new long[2])[o.event().isReturn() ? 1 : 0]++;
            }
        }
        long salesExpected = 0, salesStored = 0, salesMissing = 0, salesExtra = 0;
        long returnsExpected = 0, returnsStored = 0, returnsMissing = 0, returnsExtra = 0, doubledNotFlagged = 0;
        for (String orderNo : sent) {
            long[] due = owedPerOrder.getOrDefault(orderNo, new long[2]);
            long hasSales = sales.getOrDefault(orderNo, Set.of()).size();
            long hasReturns = returns.getOrDefault(orderNo, Set.of()).size();
            salesExpected += due[0];
            salesStored += hasSales;
            salesMissing += Math.max(0, due[0] - hasSales);
            salesExtra += Math.max(0, hasSales - due[0]);
            returnsExpected += due[1];
            returnsStored += hasReturns;
            returnsMissing += Math.max(0, due[1] - hasReturns);
            returnsExtra += Math.max(0, hasReturns - due[1]);
            boolean twice = hasSales > due[0] || hasReturns > due[1] || Stream.of(sales, returns)
                    .flatMap(m -> m.getOrDefault(orderNo, Set.of()).stream()).anyMatch(id -> copies.get(id) > 1);
            if (twice && !flaggedOrders.contains(orderNo)) {
                doubledNotFlagged++;
            }
            if (due[0] != hasSales || due[1] != hasReturns) {
                example(examples, orderNo + ": holds " + hasSales + " sale(s) and " + hasReturns
                        + " return(s), owed " + due[0] + " and " + due[1]);
            }
        }
        copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().limit(EXAMPLES)
                .forEach(id -> example(examples, id + ": stored " + copies.get(id) + " times"));

        TargetVerdict verdict = new TargetVerdict(target, owed.size(), withoutOutcome, exactlyOne, several,
                severalOneSynced, notAsExpected, rejectedOrFailed, stray, inDoubt, salesExpected, salesStored,
                salesMissing, salesExtra, returnsExpected, returnsStored, returnsMissing, returnsExtra,
                duplicatesStored, stored.stats().doubleCreations(), unknownStored, doubledNotFlagged, byStatus,
                byEvent, examples);
        require(violations, target, "sales missing in the sandbox (lost)", salesMissing);
        require(violations, target, "returns missing in the sandbox (lost)", returnsMissing);
        require(violations, target, "sales held beyond those owed", salesExtra);
        require(violations, target, "returns held beyond those owed", returnsExtra);
        require(violations, target, "duplicate stored copies", duplicatesStored);
        require(violations, target, "double creations reported by the sandbox", verdict.doubleCreations());
        require(violations, target, "events with no terminal outcome", withoutOutcome);
        require(violations, target, "events with more than one terminal outcome", several);
        require(violations, target, "events with an outcome the lifecycle rules do not allow", notAsExpected);
        require(violations, target, "outcomes of events that were not pushed", stray);
        return verdict;
    }

    /** SYNCED or DUPLICATE where something is owed, SKIPPED where nothing is. */
    private static boolean allowed(SyncStatus expected, SyncStatus seen) {
        return expected == SyncStatus.SKIPPED ? seen == SyncStatus.SKIPPED : seen.delivered();
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 4 * EXAMPLES) {
            examples.add(text);
        }
    }

    private static void require(List<String> violations, SyncTarget target, String what, long count) {
        if (count != 0) {
            violations.add(target + ": " + what + ": " + count + " (must be 0)");
        }
    }
}
