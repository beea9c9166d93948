package com.mallsync.ingest.dedupe;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What this instance saw of the orders pushed to it since it started, at most {@code capacity} orders (the one
 * pushed longest ago forgotten first): per order, the facts it published, the lines of the first paid push and the
 * latest {@code updated_at} of its paid pushes. A
 * push whose every fact was published before is answered "duplicate"; one with a new fact publishes only that.
 *
 * <p>This is a cheap first line and the memory behind the contradiction rules ({@link FactRules}), per instance
 * only: another instance, or this one after a restart, does not see it. What makes a repeated fact harmless across
 * instances and restarts is its deterministic {@code eventId}, on which the consumers deduplicate; a contradiction
 * another instance cannot see is left to the consumers' rules and the targets' (and sandboxes') strictness.
 *
 * <p>One push per order is in flight at a time: a push that finds another push of the same order publishing waits
 * for it ({@link Claim.Busy}) and then claims again with what that one published. So concurrent pushes never
 * publish a fact twice from one instance, and one order's events leave this instance in the order they were
 * claimed. Synchronized: each call is one short critical section; nobody waits while holding the lock.
 */
public final class RecentOrders {

    private final Map<String, Memo> entries;

    public RecentOrders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        // access order: an order still being pushed through its life is kept longer than one pushed once, long ago
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Memo> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The outcome of {@link #claim}. */
    public sealed interface Claim {

        /**
         * The caller now publishes {@code judgement.fresh()} and must {@link #settle} it, unless it is empty (nothing
         * to publish, nothing to settle: a duplicate).
         */
        record Owned(FactRules.Judgement judgement) implements Claim {
        }

        /** Another push of this order is publishing: wait for {@code earlier}, then claim again. */
        record Busy(CompletableFuture<Void> earlier) implements Claim {
        }
    }

    /**
     * @param key   the order key
     * @param lines the push's line ids ({@code detail[].id}), kept when this is the first push of the order here;
     *              {@code null} when a line has none (then a refund is never judged against the lines)
     * @param shown the facts the push shows, in the contract's order
     * @param updatedAt the push's {@code updated_at}, or {@code null}
     * @param mine  completed by {@link #settle}; what later pushes of this order wait for
     */
    public synchronized Claim claim(String key, List<Long> lines, List<Fact> shown, Instant updatedAt,
                                    CompletableFuture<Void> mine) {
        Memo memo = entries.get(key);
        if (memo != null && memo.inFlight != null && memo.inFlight != mine) {
            return new Claim.Busy(memo.inFlight);
        }
        FactRules.Judgement judgement = FactRules.judge(memo == null ? null : memo.seen(), shown, updatedAt);
        if (memo == null) {
            memo = new Memo(lines == null ? null : lines.stream().mapToLong(Long::longValue).distinct().toArray());
            entries.put(key, memo);
        }
        if (updatedAt != null) {
            memo.latestUpdate = Math.max(memo.latestUpdate, updatedAt.getEpochSecond());
        }
        if (!judgement.fresh().isEmpty()) {
            memo.inFlight = mine;
        }
        return new Claim.Owned(judgement);
    }

    /**
     * Ends the owner's publish: on success its facts count as published; on failure they stay unpublished, so the
     * mall's retry (or a push waiting meanwhile) publishes them. Either way the waiting pushes claim again.
     */
    public void settle(String key, CompletableFuture<Void> mine, List<Fact> published, Throwable failure) {
        synchronized (this) {
            Memo memo = entries.get(key);
            if (memo != null && memo.inFlight == mine) {
                memo.inFlight = null;
                if (failure == null) {
                    memo.accept(published);
                }
            }
        }
        // completed normally either way: a waiter learns "claim again", and sees in the memo what was published
        mine.complete(null);
    }

    /** What this instance remembers of the order, or {@code null}. */
    public synchronized Seen seen(String key) {
        Memo memo = entries.get(key);
        return memo == null ? null : memo.seen();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** One order: kept small (about 200 bytes with its key), since there are {@code capacity} of them. */
    private static final class Memo {

        private static final Fact[] NONE = new Fact[0];

        final long[] lines;
        Fact[] accepted = NONE;
        long latestUpdate = Long.MIN_VALUE;
        CompletableFuture<Void> inFlight;

        Memo(long[] lines) {
            this.lines = lines;
        }

        void accept(List<Fact> published) {
            Set<Fact> all = new HashSet<>(Arrays.asList(accepted));
            all.addAll(published);
            accepted = all.toArray(NONE);
        }

        Seen seen() {
            Set<Long> lineSet = null;
            if (lines != null) {
                lineSet = new HashSet<>();
                for (long line : lines) {
                    lineSet.add(line);
                }
            }
            return new Seen(lineSet, Set.of(accepted),
                    latestUpdate == Long.MIN_VALUE ? null : Instant.ofEpochSecond(latestUpdate));
        }
    }
}
