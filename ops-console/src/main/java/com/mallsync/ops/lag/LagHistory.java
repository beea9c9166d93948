package com.mallsync.ops.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last probes' lag per group, for the lag plot: a ring of at most {@code capacity} points
 * ({@code ops.lag-history} / {@code ops.probe-interval}: 6 h at 5 s = 4,320 points of a few dozen bytes each, about
 * 0.5 MB), oldest dropped first. A probe that could not reach Kafka adds no point. Synchronized.
 */
public final class LagHistory {

    private final int capacity;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    public LagHistory(Duration keep, Duration probeInterval) {
        long n = keep.toMillis() / Math.max(1, probeInterval.toMillis());
        this.capacity = (int) Math.max(2, Math.min(n, 1_000_000));
    }

    public synchronized void record(Snapshot snapshot) {
        if (snapshot.kafkaError() != null || snapshot.groups().isEmpty()) {
            return;
        }
        Map<String, Long> lag = new LinkedHashMap<>();
        Map<String, LagDiagnosis.State> state = new LinkedHashMap<>();
        for (Snapshot.GroupLag g : snapshot.groups()) {
            lag.put(g.group(), g.lag());
            state.put(g.group(), g.diagnosis().state());
        }
        points.addLast(new Point(snapshot.at(), Map.copyOf(lag), Map.copyOf(state)));
        while (points.size() > capacity) {
            points.removeFirst();
        }
    }

    /** Points since {@code from}, oldest first. */
    public synchronized List<Point> since(Instant from) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (!p.at().isBefore(from)) {
                out.add(p);
            }
        }
        return out;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The spans in which {@code group} was {@code state} (e.g. paused by a breaker), as [from, to] of the points
     * that had it; a span still going on ends at its last point.
     */
    public static List<Span> spans(List<Point> points, String group, LagDiagnosis.State state) {
        List<Span> spans = new ArrayList<>();
        Instant start = null;
        Instant last = null;
        for (Point p : points) {
            if (p.state().get(group) == state) {
                if (start == null) {
                    start = p.at();
                }
                last = p.at();
            } else if (start != null) {
                spans.add(new Span(start, p.at()));
                start = null;
            }
        }
        if (start != null) {
            spans.add(new Span(start, last));
        }
        return spans;
    }

    /** One probe: group → lag, group → diagnosis. */
    public record Point(Instant at, Map<String, Long> lag, Map<String, LagDiagnosis.State> state) {
    }

    public record Span(Instant from, Instant to) {
    }
}
