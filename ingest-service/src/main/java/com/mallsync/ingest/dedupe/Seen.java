package com.mallsync.ingest.dedupe;

import java.time.Instant;
import java.util.Set;

/**
 * What this instance remembers of one order: the line ids of the first paid push it saw, the facts it published
 * (acknowledged by the broker), and how recent the latest state it saw was.
 *
 * @param lines        {@code detail[].id} of the first paid push seen here; {@code null} when one of its lines had
 *                     no id (a refund cannot be judged against them)
 * @param accepted     the facts published from this instance
 * @param latestUpdate the latest {@code updated_at} of the paid pushes seen here, or {@code null} if none had one
 */
public record Seen(Set<Long> lines, Set<Fact> accepted, Instant latestUpdate) {

    public Seen(Set<Long> lines, Set<Fact> accepted) {
        this(lines, accepted, null);
    }

    public Seen {
        lines = lines == null ? null : Set.copyOf(lines);
        accepted = Set.copyOf(accepted);
    }
}
