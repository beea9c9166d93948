package com.mallsync.stack.load;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.lifecycle.ExpectedEvent;
import com.mallsync.stack.lifecycle.LaterPush;
import com.mallsync.stack.lifecycle.LifecycleMix;
import com.mallsync.stack.lifecycle.LifecycleRules;
import com.mallsync.stack.lifecycle.OrderStory;

/**
 * The load / demo tool as a library: sends generated, signed orders to the ingest endpoint at a steady rate and,
 * with a {@link LifecycleMix}, each order's later pushes as a mall sends them (the whole order again, signed like the
 * first, confirmed, cancelled or with a line refunded), one after the other per order, some time apart. Then it reads
 * the outcomes back from {@code orders.outcomes.v1} and judges them per event and target ({@link LoadResult}).
 */
public final class LoadRun {

    private static final Set<SyncTarget> TARGETS = EnumSet.allOf(SyncTarget.class);

    private LoadRun() {
    }

    /**
     * @param webhookUrl       the ingest endpoint
     * @param bootstrapServers where to read the outcomes
     * @param count            how many orders
     * @param ratePerSecond    paid pushes sent per second (paced, not bursts)
     * @param seed             varies the orders and their stories
     * @param outcomeTimeout   how long to wait for the last outcomes after the last send
     * @param maxInFlight      paid pushes in flight at most
     * @param mix              what happens to the orders after payment
     * @param later            about how long after one push of an order its next one is sent (½ to 1½ times this)
     * @param crmTrigger       the event the CRM uploads the sale on ({@code member-sync.upload-on})
     */
    public record Spec(String webhookUrl, String bootstrapServers, int count, double ratePerSecond, long seed,
                       Duration outcomeTimeout, int maxInFlight, LifecycleMix mix, Duration later,
                       OrderEvent crmTrigger) {

        public Spec {
            if (count < 1 || ratePerSecond <= 0 || maxInFlight < 1 || later.isNegative()) {
                throw new IllegalArgumentException("count, rate and in-flight must be positive");
            }
        }

        /** Paid pushes only (no lifecycle), the CRM uploading on CONFIRMED (the default configuration). */
        public Spec(String webhookUrl, String bootstrapServers, int count, double ratePerSecond, long seed,
                    Duration outcomeTimeout, int maxInFlight) {
            this(webhookUrl, bootstrapServers, count, ratePerSecond, seed, outcomeTimeout, maxInFlight,
                    LifecycleMix.NONE, Duration.ofSeconds(1), OrderEvent.CONFIRMED);
        }

        public Spec withMix(LifecycleMix lifecycle, Duration between) {
            return new Spec(webhookUrl, bootstrapServers, count, ratePerSecond, seed, outcomeTimeout, maxInFlight,
                    lifecycle, between, crmTrigger);
        }
    }

    public static LoadResult run(Spec spec, PrintStream progress) {
        String runId = String.valueOf(System.currentTimeMillis() / 1000 % 1_000_000_000L);
        DemoOrderGenerator generator = new DemoOrderGenerator(spec.seed(), runId, Instant.now());
        List<DemoOrder> orders = generator.orders(spec.count());
        List<LoadSending.Played> played = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            DemoOrder order = orders.get(i);
            OrderStory story = spec.mix().draw(spec.seed(), i,
                    LaterPush.lineIds(order.payload()));
            played.add(new LoadSending.Played(order, story, new AtomicInteger()));
        }
        LoadSending sending = new LoadSending(spec);
        try (OutcomeCollector collector = OutcomeCollector.fromNow(spec.bootstrapServers());
             LoadProgress bar = new LoadProgress(progress, spec.count(), sending.answered, sending.accepted, collector)) {
            Semaphore inFlight = new Semaphore(spec.maxInFlight());
            long start = System.nanoTime();
            long interval = (long) (1_000_000_000L / spec.ratePerSecond());
            for (int i = 0; i < played.size(); i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait); // pacing the load generator, not waiting for a result
                }
                inFlight.acquireUninterruptibly();
                sending.push(played.get(i), 0, inFlight::release);
            }
            sending.awaitStories(spec.outcomeTimeout().plus(Duration.ofMinutes(1)));
            Duration sendTime = Duration.ofNanos(System.nanoTime() - start);
            Map<String, List<ExpectedEvent>> events = new TreeMap<>();
            List<UUID> eventIds = new ArrayList<>();
            for (LoadSending.Played p : played) {
                if (p.acknowledged().get() > 0) {
                    List<ExpectedEvent> expected = LifecycleRules.expected(p.story().first(p.acknowledged().get()),
                            spec.crmTrigger());
                    events.put(p.order().key(), expected);
                    expected.forEach(e -> eventIds.add(e.eventId(p.order().mallId(), p.order().orderNo())));
                }
            }
            collector.awaitEvents(eventIds, TARGETS, spec.outcomeTimeout());
            bar.finish();
            return summarise(orders, sending, events, collector, sendTime);
        } finally {
            sending.close();
        }
    }

    private static LoadResult summarise(List<DemoOrder> orders, LoadSending sending,
                                        Map<String, List<ExpectedEvent>> events, OutcomeCollector collector,
                                        Duration sendTime) {
        Map<SyncTarget, Map<SyncStatus, Integer>> counts = new EnumMap<>(SyncTarget.class);
        Map<SyncTarget, Map<OrderEvent, Map<SyncStatus, Integer>>> byEvent = LoadResult.emptyByEvent();
        Map<SyncTarget, Integer> missing = new EnumMap<>(SyncTarget.class);
        Map<SyncTarget, List<Duration>> latencies = new EnumMap<>(SyncTarget.class);
        Map<String, List<SyncOutcome>> outcomes = new TreeMap<>();
        for (SyncTarget target : SyncTarget.values()) {
            counts.put(target, new EnumMap<>(SyncStatus.class));
            missing.put(target, 0);
            latencies.put(target, new ArrayList<>());
        }
        for (String key : List.copyOf(sending.accepted)) {
            List<SyncOutcome> list = collector.outcomes(key);
            outcomes.put(key, list);
            long mallId = Long.parseLong(key.substring(0, key.indexOf(':')));
            String orderNo = key.substring(key.indexOf(':') + 1);
            for (ExpectedEvent event : events.getOrDefault(key, List.of())) {
                UUID id = event.eventId(mallId, orderNo);
                for (SyncTarget target : SyncTarget.values()) {
                    List<SyncOutcome> forTarget = list.stream()
                            .filter(o -> o.target() == target && o.eventId().equals(id)).toList();
                    if (forTarget.isEmpty()) {
                        missing.merge(target, 1, Integer::sum);
                        continue;
                    }
                    forTarget.forEach(o -> {
                        counts.get(target).merge(o.status(), 1, Integer::sum);
                        byEvent.get(target).computeIfAbsent(o.event(), e -> new EnumMap<>(SyncStatus.class))
                                .merge(o.status(), 1, Integer::sum);
                    });
                    Instant first = forTarget.stream().map(SyncOutcome::at).min(Instant::compareTo).orElseThrow();
                    Instant sent = sending.sentAt.get(id);
                    if (sent != null) {
                        latencies.get(target).add(Duration.between(sent, first));
                    }
                }
            }
        }
        Map<SyncTarget, LatencyStats> latency = new EnumMap<>(SyncTarget.class);
        latencies.forEach((t, l) -> latency.put(t, LatencyStats.of(l)));
        return new LoadResult(orders, List.copyOf(sending.accepted), Map.copyOf(sending.refused),
                List.copyOf(sending.refusedSample), new TreeMap<>(sending.pushes), events, counts, byEvent, missing,
                latency, outcomes, sendTime);
    }

}
