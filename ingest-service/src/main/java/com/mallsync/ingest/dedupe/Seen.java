package com.mallsync.ingest.dedupe;

import java.util.Set;

/**
 * What this instance remembers of one order: the line ids of the first paid push it saw, and the facts it published
 * (acknowledged by the broker).
 *
 * @param lines    {@code detail[].id} of the first paid push seen here
 * @param accepted the facts published from this instance
 */
public record Seen(Set<Long> lines, Set<Fact> accepted) {

    public Seen {
        lines = Set.copyOf(lines);
        accepted = Set.copyOf(accepted);
    }
}
