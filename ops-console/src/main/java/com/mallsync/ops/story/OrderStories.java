package com.mallsync.ops.story;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mallsync.runtime.Window;

/**
 * The topic records of the most recent orders, each order's in the order they were read: what the order search
 * shows beyond the ledger's latest outcome per target. Fed by the ledger reader, read by the API; synchronized.
 *
 * <p>Bounded: at most {@code maxOrders} orders (the one touched longest ago is forgotten first) and at most
 * {@code stepsPerOrder} steps per order (the oldest after the first is dropped, and counted). A step is about
 * 100–300 bytes, so the defaults (20,000 orders × 16 steps) hold at most ~100 MB in the worst case (every order
 * replayed many times) and ~20 MB for orders with one record and two outcomes each. Orders older than that still
 * have their ledger entry (when paid, latest outcome per target) and their DLT records. An order the ledger's window
 * forgets is forgotten here too ({@link #evict}).
 */
public final class OrderStories {

    private final int maxOrders;
    private final int stepsPerOrder;
    private final LinkedHashMap<String, Story> stories = new LinkedHashMap<>(16, 0.75f, false);

    public OrderStories(int maxOrders, int stepsPerOrder) {
        if (maxOrders < 1 || stepsPerOrder < 2) {
            throw new IllegalArgumentException("need at least 1 order and 2 steps per order");
        }
        this.maxOrders = maxOrders;
        this.stepsPerOrder = stepsPerOrder;
    }

    private static final class Story {
        final ArrayDeque<StoryStep> steps = new ArrayDeque<>();
        int dropped;
        /** The time of its latest step (epoch ms): what {@link #evict} goes by. */
        long latest = Long.MIN_VALUE;
    }

    /** Something happened to order {@code key}; it becomes the most recent order. */
    public synchronized void add(String key, StoryStep step) {
        Story story = stories.remove(key);
        if (story == null) {
            story = new Story();
        }
        stories.put(key, story);
        story.steps.addLast(step);
        story.latest = Math.max(story.latest, step.at().toEpochMilli());
        if (story.steps.size() > stepsPerOrder) {
            // keep the first step (how the order arrived) and the latest ones
            StoryStep first = story.steps.pollFirst();
            story.steps.pollFirst();
            story.steps.addFirst(first);
            story.dropped++;
        }
        Iterator<Map.Entry<String, Story>> eldest = stories.entrySet().iterator();
        while (stories.size() > maxOrders && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    /**
     * Forgets the orders whose latest step is older than {@code window} (as the ledger forgets them).
     *
     * @return how many were forgotten
     */
    public synchronized int evict(Window window) {
        return window.evict(stories, s -> s.latest);
    }

    /** The order's steps as read, and how many were dropped to stay within the bound; empty when not held. */
    public synchronized Held get(String key) {
        Story story = stories.get(key);
        return story == null ? new Held(false, List.of(), 0) : new Held(true, List.copyOf(story.steps), story.dropped);
    }

    /** Keys held here that are {@code query} or end with {@code ":" + query} (an order number without its mall). */
    public synchronized List<String> keys(String query, int limit) {
        List<String> keys = new ArrayList<>();
        for (String key : stories.keySet()) {
            if (matches(key, query)) {
                keys.add(key);
                if (keys.size() >= limit) {
                    break;
                }
            }
        }
        return keys;
    }

    public synchronized int size() {
        return stories.size();
    }

    /** An order key {@code mallId:orderNo} answers a search for itself or for its order number alone. */
    public static boolean matches(String key, String query) {
        return key.equals(query) || (key.length() > query.length() && key.endsWith(query)
                && key.charAt(key.length() - query.length() - 1) == ':' && key.indexOf(':') == key.length()
                - query.length() - 1);
    }

    /**
     * @param held    whether the order is among the recent ones kept here
     * @param steps   its steps, in the order they were read
     * @param dropped steps left out to stay within the per-order bound
     */
    public record Held(boolean held, List<StoryStep> steps, int dropped) {
    }
}
