package com.mallsync.stack.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.stack.DemoMall;
import com.mallsync.stack.lifecycle.LaterPush;
import com.mallsync.stack.lifecycle.OrderState;
import com.mallsync.stack.lifecycle.OrderStory;
import tools.jackson.databind.JsonNode;

/**
 * The pushes of a load run in flight and what they got: each order's pushes one after the other, the next one
 * scheduled some time after ingest accepted the previous one ({@code Spec.later}, ½ to 1½ times). Answers arrive on
 * the HTTP client's threads; the counters are concurrent, the scheduler is one daemon thread.
 */
final class LoadSending implements AutoCloseable {

    /** One order's story as the run plays it: how many of its pushes ingest acknowledged so far. */
    record Played(DemoOrder order, OrderStory story, AtomicInteger acknowledged) {
    }

    private final LoadRun.Spec spec;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-later-pushes");
        t.setDaemon(true);
        return t;
    });
    private final Random jitter = new Random();
    private final AtomicInteger open = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, Integer> refused = new ConcurrentHashMap<>();
    final List<String> refusedSample = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> pushes = new ConcurrentHashMap<>();
    final Map<UUID, Instant> sentAt = new ConcurrentHashMap<>();

    LoadSending(LoadRun.Spec spec) {
        this.spec = spec;
    }

    /** Sends push {@code index} of the story; when it is accepted, schedules the next one. */
    void push(Played played, int index, Runnable whenAnswered) {
        open.incrementAndGet();
        DemoOrder order = played.order();
        OrderState state = played.story().pushes().get(index);
        Instant now = Instant.now();
        DemoOrder shown = new DemoOrder(order.mallId(), order.orderNo(), order.lines(),
                LaterPush.of(order.payload(), state, now.atZone(MallTime.ZONE)), order.totalPay());
        String body = shown.signed(DemoMall.byId(order.mallId()).orElseThrow().secret());
        List<OrderStory.Fact> before = played.story().first(index).events();
        List<OrderStory.Fact> announced = index == 0 ? played.story().first(1).events()
                : played.story().first(index + 1).events().subList(before.size(),
                played.story().first(index + 1).events().size());
        announced.forEach(f -> sentAt.putIfAbsent(f.event().eventId(order.mallId(), order.orderNo(), f.line()),
                now));
        Http.postJsonAsync(spec.webhookUrl(), body).whenComplete((response, error) -> {
            try {
                whenAnswered.run();
                if (index == 0) {
                    answered.incrementAndGet();
                }
                if (error == null && response.statusCode() == 200 && codeZero(response.body())) {
                    played.acknowledged().set(index + 1);
                    pushes.merge(kind(played.story(), index), 1, Integer::sum);
                    if (index == 0) {
                        accepted.add(order.key());
                    }
                    if (index + 1 < played.story().pushes().size()) {
                        long millis = (long) (spec.later().toMillis() * (0.5 + nextJitter()));
                        open.incrementAndGet();
                        later.schedule(() -> {
                            push(played, index + 1, () -> { });
                            open.decrementAndGet();
                        }, millis, TimeUnit.MILLISECONDS);
                    }
                } else {
                    int status = error != null ? -1 : response.statusCode();
                    refused.merge(status, 1, Integer::sum);
                    if (refusedSample.size() < 5) {
                        refusedSample.add(order.key() + " push " + index + " -> " + (error != null
                                ? error.toString() : status + " " + response.body()));
                    }
                }
            } finally {
                open.decrementAndGet();
            }
        });
    }

    private synchronized double nextJitter() {
        return jitter.nextDouble();
    }

    /** Waits until every story's pushes are answered (or were refused), or the time is up. */
    void awaitStories(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (open.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Override
    public void close() {
        later.shutdownNow();
    }

    /** A push's kind for the summary: what it added to the order. */
    private static String kind(OrderStory story, int index) {
        if (index == 0) {
            return "paid";
        }
        OrderState before = story.pushes().get(index - 1);
        OrderState now = story.pushes().get(index);
        if (now.cancelled() && !before.cancelled()) {
            return "cancelled";
        }
        if (now.confirmed() && !before.confirmed()) {
            return "confirmed";
        }
        return "refunded line";
    }

    private static boolean codeZero(String body) {
        try {
            JsonNode code = Json.tree(body).get("code");
            return code != null && code.asInt(-1) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
