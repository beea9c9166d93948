package com.mallsync.ingest.dedupe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.event.OrderEvent;

/**
 * The rules that decide, from what this instance saw of an order before, which facts of a push are new and which
 * parts contradict the earlier pushes (ARCHITECTURE.md, "Order lifecycle": "A fact that disappears in a later push
 * (it should not) changes nothing. An unpaid order is still ignored."). Pure functions: no state, no I/O.
 */
public final class FactRules {

    private FactRules() {
    }

    /**
     * The verdict on a paid push.
     *
     * @param fresh          the facts to publish, in the push's (the contract's) order: shown, not accepted before,
     *                       not contradictory
     * @param contradictions what does not fit the earlier pushes, to count and log
     * @param outdated       facts accepted before that this push does not show because it is an older state (its
     *                       {@code updated_at} is before the latest seen: a late retry): not a contradiction
     */
    public record Judgement(List<Fact> fresh, List<Contradiction> contradictions, List<Fact> outdated) {

        public Judgement {
            fresh = List.copyOf(fresh);
            contradictions = List.copyOf(contradictions);
            outdated = List.copyOf(outdated);
        }
    }

    /**
     * @param seen  what this instance remembers of the order, or {@code null} when nothing (first push here, or
     *              forgotten): then every shown fact is fresh and nothing can be judged contradictory
     * @param shown the facts the push shows, in the contract's order ({@code OrderFacts.of})
     * @param updatedAt the push's {@code updated_at}, or {@code null}
     */
    public static Judgement judge(Seen seen, List<Fact> shown, Instant updatedAt) {
        if (seen == null) {
            return new Judgement(shown, List.of(), List.of());
        }
        List<Contradiction> found = new ArrayList<>();
        List<Fact> outdated = new ArrayList<>();
        boolean older = older(updatedAt, seen);
        for (Fact accepted : seen.accepted()) {
            if (!shown.contains(accepted)) {
                if (older) {
                    outdated.add(accepted);
                } else {
                    found.add(new Contradiction(Contradiction.Kind.WITHDRAWN, accepted));
                }
            }
        }
        List<Fact> fresh = new ArrayList<>();
        for (Fact fact : shown) {
            if (seen.accepted().contains(fact)) {
                continue;
            }
            if (fact.event() == OrderEvent.REFUNDED && seen.lines() != null && !seen.lines().contains(fact.line())) {
                found.add(new Contradiction(Contradiction.Kind.UNKNOWN_LINE, fact));
                continue;
            }
            fresh.add(fact);
        }
        return new Judgement(fresh, found, outdated);
    }

    /**
     * A push whose {@code updated_at} is before the latest one seen shows an older state (a retry that arrived
     * late): a fact it lacks was added after it, not withdrawn. Equal or unknown times cannot tell: judged as now.
     */
    static boolean older(Instant updatedAt, Seen seen) {
        return updatedAt != null && seen.latestUpdate() != null && updatedAt.isBefore(seen.latestUpdate());
    }

    /**
     * An unpaid push ({@code is_pay} 0) is ignored; it contradicts the earlier pushes when this instance published
     * the order's payment, and is contradictory in itself when it shows a later fact.
     *
     * @param seen  what this instance remembers of the order, or {@code null}
     * @param shown the later facts the unpaid push shows (confirmed, refunded lines, cancelled)
     * @param updatedAt the push's {@code updated_at}, or {@code null}: an unpaid push older than the paid one (sent
     *                  before the payment, arrived after it) withdraws nothing
     */
    public static List<Contradiction> unpaid(Seen seen, List<Fact> shown, Instant updatedAt) {
        List<Contradiction> found = new ArrayList<>();
        if (seen != null && seen.accepted().contains(Fact.PAID) && !older(updatedAt, seen)) {
            found.add(new Contradiction(Contradiction.Kind.WITHDRAWN, Fact.PAID));
        }
        for (Fact fact : shown) {
            found.add(new Contradiction(Contradiction.Kind.UNPAID, fact));
        }
        return List.copyOf(found);
    }
}
