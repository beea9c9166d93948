package com.mallsync.system.hostile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the hostile suite saw: per category, how many requests ended how ({@code 400}, {@code 413},
 * {@code closed} for a connection the server cut without a reply, {@code held} for a slow-loris connection still
 * open when the client gave up), and the rules broken.
 */
public final class HostileReport {

    private final Map<Category, Map<String, Integer>> endings = new EnumMap<>(Category.class);
    private final List<String> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void record(Category category, String ending) {
        endings.computeIfAbsent(category, c -> new TreeMap<>()).merge(ending, 1, Integer::sum);
    }

    public synchronized void violation(String text) {
        violations.add(text);
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized int total() {
        return endings.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** Requests that ended with an HTTP status in {@code [from, to]}. */
    public synchronized int withStatus(int from, int to) {
        int n = 0;
        for (Map<String, Integer> byEnding : endings.values()) {
            for (Map.Entry<String, Integer> e : byEnding.entrySet()) {
                if (e.getKey().matches("\\d{3}")) {
                    int status = Integer.parseInt(e.getKey());
                    if (status >= from && status <= to) {
                        n += e.getValue();
                    }
                }
            }
        }
        return n;
    }

    public synchronized Map<Category, Map<String, Integer>> endings() {
        Map<Category, Map<String, Integer>> copy = new EnumMap<>(Category.class);
        endings.forEach((c, m) -> copy.put(c, Map.copyOf(m)));
        return copy;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized boolean passed() {
        return violations.isEmpty();
    }

    public synchronized String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-16s %7s  %s%n", "category", "sent", "ended (status or connection: count)"));
        endings.forEach((category, byEnding) -> out.append(String.format("%-16s %7d  %s%n", category,
                byEnding.values().stream().mapToInt(Integer::intValue).sum(), byEnding)));
        out.append(String.format("%-16s %7d  4xx %d, 5xx %d, 2xx %d%n", "total", total(), withStatus(400, 499),
                withStatus(500, 599), withStatus(200, 299)));
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        out.append(violations.isEmpty() ? "PASS" : "FAIL:\n  " + String.join("\n  ", violations)).append('\n');
        return out.toString();
    }
}
