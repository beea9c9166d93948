package com.mallsync.ops.story;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.mallsync.ops.OpsProperties;
import com.mallsync.ops.Pipeline;
import com.mallsync.ops.dlt.DltRecord;
import com.mallsync.ops.dlt.DltReplayer;
import com.mallsync.ops.ledger.OrderLedger;

/**
 * An order's whole story, by its number: each of its events with its outcome at each target (the ledger), and in
 * time order each push ingest received and its answer (ingest's journal), each record on {@code orders.paid.v1}
 * (replays marked), each outcome with attempts and reason, its DLT records.
 */
@Component
@Profile("!replay-dlt")
public class OrderStoryService {

    /** At most this many orders answer one search (an order number shared by several malls). */
    static final int MAX_MATCHES = 10;
    /** An order number is at most 64 characters (ingest's rule), a mall id at most 19 digits. */
    static final int MAX_QUERY = 100;

    private final OrderLedger ledger;
    private final OrderStories stories;
    private final IngestJournal ingest;
    private final DltReplayer dlts;
    private final Duration overdueAfter;
    private final Clock clock;

    OrderStoryService(OrderLedger ledger, OrderStories stories, IngestJournal ingest, DltReplayer dlts,
                      OpsProperties properties, Clock clock) {
        this.ledger = ledger;
        this.stories = stories;
        this.ingest = ingest;
        this.dlts = dlts;
        this.overdueAfter = properties.overdueAfter();
        this.clock = clock;
    }

    /** The stories of the orders whose key is {@code query}, or whose order number is (any mall). */
    public List<OrderStory> find(String query) {
        String q = query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            throw new IllegalArgumentException("order: give an order number (or mallId:orderNo), at most "
                    + MAX_QUERY + " characters");
        }
        IngestJournal.Answer pushes = ingest.pushes(q);
        Set<String> keys = new LinkedHashSet<>(ledger.keys(q, MAX_MATCHES));
        keys.addAll(stories.keys(q, MAX_MATCHES));
        pushes.byKey().keySet().stream().filter(k -> OrderStories.matches(k, q)).forEach(keys::add);
        List<DltRecord> dead = new ArrayList<>();
        String dltError = null;
        if (!keys.isEmpty()) {
            try {
                for (Pipeline pipeline : Pipeline.values()) {
                    dlts.list(pipeline.dlt(), Integer.MAX_VALUE).stream()
                            .filter(r -> r.key() != null && keys.contains(r.key())).forEach(dead::add);
                }
            } catch (RuntimeException e) {
                dltError = "DLTs not readable: " + e.getMessage();
            }
        }
        List<OrderStory> out = new ArrayList<>();
        for (String key : keys.stream().limit(MAX_MATCHES).toList()) {
            out.add(story(key, pushes, dead, dltError));
        }
        return out;
    }

    private OrderStory story(String key, IngestJournal.Answer pushes, List<DltRecord> dead, String dltError) {
        OrderStories.Held held = stories.get(key);
        List<StoryStep> steps = new ArrayList<>(pushes.byKey().getOrDefault(key, List.of()));
        steps.addAll(held.steps());
        dead.stream().filter(r -> key.equals(r.key())).forEach(r -> steps.add(
                new StoryStep.DeadLettered(r.timestamp(), r.topic(), r.id(), r.event(), r.line(),
                        r.exception())));
        steps.sort(Comparator.comparing(StoryStep::at));
        List<String> notes = new ArrayList<>();
        if (pushes.error() != null) {
            notes.add("pushes unknown: " + pushes.error());
        }
        if (dltError != null) {
            notes.add(dltError);
        }
        if (!held.held()) {
            notes.add("topic records not kept for this order (older than the most recent orders the console keeps "
                    + "in detail); each event's latest outcome per target is shown");
        }
        if (held.dropped() > 0) {
            notes.add(held.dropped() + " older step(s) left out (per-order bound)");
        }
        Instant now = clock.instant();
        int colon = key.indexOf(':');
        return new OrderStory(key, colon > 0 ? key.substring(0, colon) : null, key.substring(colon + 1),
                ledger.receivedAt(key), ledger.events(key, now, overdueAfter), ledger.awaitingConfirmation(key, now),
                steps, notes);
    }
}
