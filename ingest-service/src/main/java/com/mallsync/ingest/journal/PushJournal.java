package com.mallsync.ingest.journal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pushes this instance received lately, per order, with what it answered: what the ops console's order search
 * shows as "received" (nothing on the topics records a refused or repeated push).
 *
 * <p>Bounded: at most {@code maxPushes} pushes over all orders (the orders pushed longest ago are forgotten first,
 * whole) and at most {@code perOrder} per order (the oldest after the first is dropped). About 200 bytes a push, so
 * the defaults (50,000 pushes) hold about 10 MB (an accepted push's few event names add little: the names are the
 * enum's own strings). Like the duplicate check, it is per instance and not kept over a
 * restart. Synchronized: one short critical section per push.
 */
public final class PushJournal {

    private final int maxPushes;
    private final int perOrder;
    private final LinkedHashMap<String, ArrayDeque<Push>> byOrder = new LinkedHashMap<>();
    private int size;

    public PushJournal(int maxPushes, int perOrder) {
        if (maxPushes < 1 || perOrder < 2) {
            throw new IllegalArgumentException("need room for at least 1 push and 2 per order");
        }
        this.maxPushes = maxPushes;
        this.perOrder = perOrder;
    }

    public synchronized void record(String key, Push push) {
        ArrayDeque<Push> pushes = byOrder.remove(key);
        if (pushes == null) {
            pushes = new ArrayDeque<>();
        }
        byOrder.put(key, pushes);
        pushes.addLast(push);
        size++;
        if (pushes.size() > perOrder) {
            Push first = pushes.pollFirst();
            pushes.pollFirst();
            pushes.addFirst(first);
            size--;
        }
        Iterator<ArrayDeque<Push>> eldest = byOrder.values().iterator();
        while (size > maxPushes && eldest.hasNext()) {
            size -= eldest.next().size();
            eldest.remove();
        }
    }

    /**
     * The pushes of the order whose key is {@code query}, or of every order (any mall) whose number it is; at most
     * {@code limit} orders.
     */
    public synchronized Map<String, List<Push>> find(String query, int limit) {
        Map<String, List<Push>> out = new LinkedHashMap<>();
        ArrayDeque<Push> exact = byOrder.get(query);
        if (exact != null) {
            out.put(query, List.copyOf(exact));
        }
        String suffix = ":" + query;
        for (Map.Entry<String, ArrayDeque<Push>> e : byOrder.entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            String key = e.getKey();
            if (key.endsWith(suffix) && key.indexOf(':') == key.length() - suffix.length()) {
                out.put(key, List.copyOf(e.getValue()));
            }
        }
        return out;
    }

    public synchronized int size() {
        return size;
    }

    /**
     * One push and its answer.
     *
     * @param at      when it arrived
     * @param status  the HTTP status answered
     * @param code    the reply's {@code code}
     * @param msg     the reply's {@code msg} (never buyer data)
     * @param eventId the reply's {@code eventId}, when accepted or duplicate
     * @param millis  how long the answer took
     * @param events  the reply's {@code events}: what the push published, in order ({@code PAID}, {@code REFUNDED},
     *                ...); empty unless accepted
     * @param refundedLines  the reply's {@code refundedLines}: the lines of its {@code REFUNDED} events, in order
     * @param contradictions the reply's {@code contradictions}: what in the push contradicted the earlier ones
     */
    public record Push(Instant at, int status, int code, String msg, String eventId, long millis, List<String> events,
                       List<Long> refundedLines, List<String> contradictions) {

        public Push {
            events = events == null ? List.of() : List.copyOf(events);
            refundedLines = refundedLines == null ? List.of() : List.copyOf(refundedLines);
            contradictions = contradictions == null ? List.of() : List.copyOf(contradictions);
        }

        /** A push that published nothing and contradicted nothing (refused, duplicate, ignored). */
        public Push(Instant at, int status, int code, String msg, String eventId, long millis) {
            this(at, status, code, msg, eventId, millis, List.of(), List.of(), List.of());
        }
    }
}
