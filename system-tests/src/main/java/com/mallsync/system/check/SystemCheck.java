package com.mallsync.system.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * Judges a run: nothing lost, nothing doubled, exactly one terminal outcome per order per target, nothing on a DLT.
 * A pure function of the {@link RunEvidence}; the fault run, the hostile suite and the tests all use it.
 */
public final class SystemCheck {

    private static final int EXAMPLES = 5;

    private SystemCheck() {
    }

    public static Verdict judge(RunEvidence evidence) {
        List<String> violations = new ArrayList<>();
        long sent = evidence.sentOrderNos().size();
        if (sent == 0) {
            violations.add("no order was sent: nothing was proven");
        }
        List<SyncOutcome> foreignOutcomes = evidence.outcomes().stream()
                .filter(o -> o.mallId() != evidence.mallId() || !evidence.sentOrderNos().contains(o.orderNo()))
                .toList();
        TargetVerdict crm = target(evidence, evidence.crm(), violations);
        TargetVerdict erp = target(evidence, evidence.erp(), violations);
        long dlt = evidence.dltRecords().values().stream().mapToLong(Long::longValue).sum();
        if (dlt > 0) {
            violations.add("dead-letter records: " + evidence.dltRecords() + " (an outage is not an order failure)");
        }
        evidence.logLinesWithFullMobile().forEach((log, lines) -> {
            if (lines > 0) {
                violations.add(log + ": " + lines + " log lines with a buyer's full mobile (must be 0)");
            }
        });
        return new Verdict(sent, crm, erp, evidence.dltRecords(), foreignOutcomes.size(),
                evidence.logLinesWithFullMobile(), violations);
    }

    private static TargetVerdict target(RunEvidence evidence, TargetEvidence stored, List<String> violations) {
        SyncTarget target = stored.target();
        Set<String> sent = evidence.sentOrderNos();

        Map<String, Integer> storedCount = new HashMap<>();
        long unknownStored = 0;
        for (String entry : stored.storedOrders()) {
            List<String> refs = StoredOrderRefs.sentOrdersIn(entry, sent);
            if (refs.isEmpty()) {
                unknownStored++;
            }
            refs.forEach(orderNo -> storedCount.merge(orderNo, 1, Integer::sum));
        }
        long inSandbox = storedCount.size();
        long duplicatesStored = storedCount.values().stream().mapToLong(n -> n - 1).sum();

        Map<String, List<SyncStatus>> outcomesOf = new HashMap<>();
        Map<SyncStatus, Long> byStatus = new EnumMap<>(SyncStatus.class);
        Set<String> flagged = new HashSet<>();
        for (SyncOutcome outcome : evidence.outcomes()) {
            if (outcome.target() == target && outcome.mallId() == evidence.mallId()
                    && sent.contains(outcome.orderNo())) {
                outcomesOf.computeIfAbsent(outcome.orderNo(), k -> new ArrayList<>()).add(outcome.status());
                byStatus.merge(outcome.status(), 1L, Long::sum);
                if (outcome.inDoubt()) {
                    flagged.add(outcome.orderNo());
                }
            }
        }
        long doubledNotFlagged = storedCount.entrySet().stream()
                .filter(e -> e.getValue() > 1 && !flagged.contains(e.getKey())).count();
        long withoutOutcome = sent.stream().filter(o -> !outcomesOf.containsKey(o)).count();
        long exactlyOneDelivered = outcomesOf.values().stream()
                .filter(s -> s.size() == 1 && s.get(0).delivered()).count();
        long several = outcomesOf.values().stream().filter(s -> s.size() > 1).count();
        long severalOneSynced = outcomesOf.values().stream()
                .filter(s -> s.size() > 1 && s.stream().filter(x -> x == SyncStatus.SYNCED).count() == 1
                        && s.stream().allMatch(x -> x == SyncStatus.SYNCED || x == SyncStatus.DUPLICATE))
                .count();
        long notDelivered = outcomesOf.values().stream()
                .filter(s -> s.stream().anyMatch(status -> !status.delivered())).count();

        List<String> examples = new ArrayList<>();
        sent.stream().filter(o -> !storedCount.containsKey(o)).sorted().limit(EXAMPLES)
                .forEach(o -> examples.add(o + ": not in the sandbox"));
        storedCount.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().limit(EXAMPLES)
                .forEach(o -> examples.add(o + ": stored " + storedCount.get(o) + " times"));
        sent.stream().filter(o -> !outcomesOf.containsKey(o)).sorted().limit(EXAMPLES)
                .forEach(o -> examples.add(o + ": no outcome"));
        outcomesOf.entrySet().stream()
                .filter(e -> e.getValue().size() > 1 || e.getValue().stream().anyMatch(s -> !s.delivered()))
                .map(Map.Entry::getKey).sorted().limit(EXAMPLES)
                .forEach(o -> examples.add(o + ": outcomes " + outcomesOf.get(o)));
        TargetVerdict verdict = new TargetVerdict(target, inSandbox, sent.size() - inSandbox, duplicatesStored,
                stored.stats().doubleCreations(), unknownStored, withoutOutcome, exactlyOneDelivered, several,
                severalOneSynced, notDelivered, flagged.size(), doubledNotFlagged, byStatus, examples);
        require(violations, target, "orders missing in the sandbox (lost)", verdict.missingInSandbox());
        require(violations, target, "duplicate stored copies", verdict.duplicatesStored());
        require(violations, target, "double creations reported by the sandbox", verdict.doubleCreations());
        require(violations, target, "orders with no terminal outcome", verdict.withoutOutcome());
        require(violations, target, "orders with more than one terminal outcome", verdict.severalOutcomes());
        require(violations, target, "orders REJECTED or FAILED", verdict.notDelivered());
        return verdict;
    }

    private static void require(List<String> violations, SyncTarget target, String what, long count) {
        if (count != 0) {
            violations.add(target + ": " + what + ": " + count + " (must be 0)");
        }
    }
}
