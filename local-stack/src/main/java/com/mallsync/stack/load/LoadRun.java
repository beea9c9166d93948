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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.mallsync.model.Json;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.DemoMall;
import tools.jackson.databind.JsonNode;

/**
 * The load / demo tool as a library: sends generated, signed orders to the ingest endpoint at a steady rate, then
 * reads their outcomes back from {@code orders.outcomes.v1} and summarises them per target (counts by status,
 * end-to-end latency from the moment the push was sent to the outcome's {@code at}).
 */
public final class LoadRun {

    private static final Set<SyncTarget> TARGETS = EnumSet.allOf(SyncTarget.class);

    private LoadRun() {
    }

    /**
     * @param webhookUrl       the ingest endpoint
     * @param bootstrapServers where to read the outcomes
     * @param count            how many orders
     * @param ratePerSecond    orders sent per second (paced, not bursts)
     * @param seed             varies the orders
     * @param outcomeTimeout   how long to wait for the last outcomes after the last send
     * @param maxInFlight      requests in flight at most
     */
    public record Spec(String webhookUrl, String bootstrapServers, int count, double ratePerSecond, long seed,
                       Duration outcomeTimeout, int maxInFlight) {

        public Spec {
            if (count < 1 || ratePerSecond <= 0 || maxInFlight < 1) {
                throw new IllegalArgumentException("count, rate and in-flight must be positive");
            }
        }
    }

    /**
     * What happened.
     *
     * @param orders        every order sent
     * @param accepted      keys of the orders ingest accepted (HTTP 200, {@code code: 0})
     * @param refused       HTTP status (or -1 for a connection error) → how many
     * @param refusedSample a few refusal bodies, for the report
     * @param counts        target → status → outcome records
     * @param missing       target → accepted orders with no outcome there when the wait ended
     * @param latency       target → latency of each order's first outcome there
     * @param outcomes      key → every outcome read for the accepted orders
     * @param sendTime      how long sending took
     */
    public record Result(List<DemoOrder> orders, List<String> accepted, Map<Integer, Integer> refused,
                         List<String> refusedSample, Map<SyncTarget, Map<SyncStatus, Integer>> counts,
                         Map<SyncTarget, Integer> missing, Map<SyncTarget, LatencyStats> latency,
                         Map<String, List<SyncOutcome>> outcomes, Duration sendTime) {

        /**
         * Every order was accepted and has exactly one outcome per target: SYNCED, or, at the CRM only, REJECTED under
         * the one rule a generated mark-up above list price breaks (2030 1.4 "DiscountMoney不能小于0"; issue 12: a
         * mark-up the CRM cannot carry). Anything else (another rule, FAILED, DUPLICATE, a second outcome) is false.
         */
        public boolean allDecidedOnce() {
            return !accepted.isEmpty() && accepted.size() == orders.size() && accepted.stream().allMatch(key -> {
                List<SyncOutcome> list = outcomes.getOrDefault(key, List.of());
                return TARGETS.stream().allMatch(t -> {
                    List<SyncOutcome> at = list.stream().filter(o -> o.target() == t).toList();
                    return at.size() == 1 && (at.get(0).status() == SyncStatus.SYNCED || markUpTheCrmCannotCarry(at.get(0)));
                });
            });
        }

        /** Accepted orders with a SYNCED outcome at every target. */
        public List<String> syncedEverywhere() {
            return accepted.stream().filter(key -> TARGETS.stream().allMatch(t -> outcomes.getOrDefault(key, List.of())
                    .stream().anyMatch(o -> o.target() == t && o.status() == SyncStatus.SYNCED))).toList();
        }

        private static boolean markUpTheCrmCannotCarry(SyncOutcome outcome) {
            return outcome.target() == SyncTarget.CRM_2030 && outcome.status() == SyncStatus.REJECTED
                    && outcome.reason() != null && outcome.reason().startsWith("1.4 DiscountMoney不能小于0");
        }

        public String report() {
            StringBuilder out = new StringBuilder();
            out.append("sent %d orders in %.1f s: %d accepted, refused %s%n".formatted(orders.size(),
                    sendTime.toMillis() / 1000.0, accepted.size(), refused.isEmpty() ? "none" : refused));
            refusedSample.forEach(s -> out.append("  refused: ").append(s).append('\n'));
            out.append(String.format("%-9s %7s %9s %8s %6s %8s   %s%n", "target", "SYNCED", "DUPLICATE", "REJECTED",
                    "FAILED", "missing", "end-to-end latency"));
            for (SyncTarget target : SyncTarget.values()) {
                Map<SyncStatus, Integer> c = counts.getOrDefault(target, Map.of());
                out.append(String.format("%-9s %7d %9d %8d %6d %8d   %s%n", target, c.getOrDefault(SyncStatus.SYNCED, 0),
                        c.getOrDefault(SyncStatus.DUPLICATE, 0), c.getOrDefault(SyncStatus.REJECTED, 0),
                        c.getOrDefault(SyncStatus.FAILED, 0), missing.getOrDefault(target, 0), latency.get(target)));
            }
            rules().forEach((rule, n) -> out.append(String.format("  %6d × %s%n", n, rule)));
            return out.toString();
        }

        /**
         * Every REJECTED or FAILED outcome's reason up to its first colon (the rule it names, e.g.
         * {@code CRM_2030 REJECTED 1.4 DiscountMoney不能小于0}; erp-sync's {@code mapping: } prefix dropped) → how many.
         */
        public Map<String, Integer> rules() {
            Map<String, Integer> rules = new TreeMap<>();
            outcomes.values().stream().flatMap(List::stream)
                    .filter(o -> o.status() == SyncStatus.REJECTED || o.status() == SyncStatus.FAILED)
                    .forEach(o -> {
                        String reason = o.reason() == null ? "(no reason)" : o.reason().replaceFirst("^mapping: ", "");
                        int colon = reason.indexOf(": ");
                        rules.merge(o.target() + " " + o.status() + " " + (colon > 0 ? reason.substring(0, colon)
                                : reason), 1, Integer::sum);
                    });
            return rules;
        }
    }

    public static Result run(Spec spec, PrintStream progress) {
        String runId = String.valueOf(System.currentTimeMillis() / 1000 % 1_000_000_000L);
        DemoOrderGenerator generator = new DemoOrderGenerator(spec.seed(), runId, Instant.now());
        List<DemoOrder> orders = generator.orders(spec.count());
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        List<String> refusedSample = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();

        try (OutcomeCollector collector = OutcomeCollector.fromNow(spec.bootstrapServers());
             Progress bar = new Progress(progress, spec.count(), answered, accepted, collector)) {
            Semaphore inFlight = new Semaphore(spec.maxInFlight());
            long start = System.nanoTime();
            long interval = (long) (1_000_000_000L / spec.ratePerSecond());
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < orders.size(); i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait); // pacing the load generator, not waiting for a result
                }
                DemoOrder order = orders.get(i);
                String body = order.signed(DemoMall.byId(order.mallId()).orElseThrow().secret());
                inFlight.acquireUninterruptibly();
                sentAt.put(order.key(), Instant.now());
                calls.add(Http.postJsonAsync(spec.webhookUrl(), body).whenComplete((response, error) -> {
                    inFlight.release();
                    answered.incrementAndGet();
                    if (error == null && response.statusCode() == 200 && codeZero(response.body())) {
                        accepted.add(order.key());
                    } else {
                        int status = error != null ? -1 : response.statusCode();
                        refused.merge(status, 1, Integer::sum);
                        if (refusedSample.size() < 5) {
                            refusedSample.add(order.key() + " -> " + (error != null ? error.toString()
                                    : status + " " + response.body()));
                        }
                    }
                }));
            }
            calls.forEach(c -> c.exceptionally(e -> null).join());
            Duration sendTime = Duration.ofNanos(System.nanoTime() - start);
            collector.awaitOutcomes(List.copyOf(accepted), TARGETS, spec.outcomeTimeout());
            bar.finish();
            return summarise(orders, List.copyOf(accepted), refused, refusedSample, sentAt, collector, sendTime);
        }
    }

    private static Result summarise(List<DemoOrder> orders, List<String> accepted, Map<Integer, Integer> refused,
                                    List<String> refusedSample, Map<String, Instant> sentAt,
                                    OutcomeCollector collector, Duration sendTime) {
        Map<SyncTarget, Map<SyncStatus, Integer>> counts = new EnumMap<>(SyncTarget.class);
        Map<SyncTarget, Integer> missing = new EnumMap<>(SyncTarget.class);
        Map<SyncTarget, List<Duration>> latencies = new EnumMap<>(SyncTarget.class);
        Map<String, List<SyncOutcome>> outcomes = new TreeMap<>();
        for (SyncTarget target : SyncTarget.values()) {
            counts.put(target, new EnumMap<>(SyncStatus.class));
            missing.put(target, 0);
            latencies.put(target, new ArrayList<>());
        }
        for (String key : accepted) {
            List<SyncOutcome> list = collector.outcomes(key);
            outcomes.put(key, list);
            for (SyncTarget target : SyncTarget.values()) {
                List<SyncOutcome> forTarget = list.stream().filter(o -> o.target() == target).toList();
                if (forTarget.isEmpty()) {
                    missing.merge(target, 1, Integer::sum);
                    continue;
                }
                forTarget.forEach(o -> counts.get(target).merge(o.status(), 1, Integer::sum));
                Instant first = forTarget.stream().map(SyncOutcome::at).min(Instant::compareTo).orElseThrow();
                latencies.get(target).add(Duration.between(sentAt.get(key), first));
            }
        }
        Map<SyncTarget, LatencyStats> latency = new EnumMap<>(SyncTarget.class);
        latencies.forEach((t, l) -> latency.put(t, LatencyStats.of(l)));
        return new Result(orders, accepted, Map.copyOf(refused), List.copyOf(refusedSample), counts, missing, latency,
                outcomes, sendTime);
    }

    private static boolean codeZero(String body) {
        try {
            JsonNode code = Json.tree(body).get("code");
            return code != null && code.asInt(-1) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A one-line progress bar on a terminal ({@code \r}), refreshed a few times a second. */
    private static final class Progress implements AutoCloseable {
        private final PrintStream out;
        private final Thread thread;
        private volatile boolean running = true;

        Progress(PrintStream out, int total, AtomicInteger answered, List<String> accepted, OutcomeCollector collector) {
            this.out = out;
            this.thread = new Thread(() -> {
                while (running && out != null) {
                    int done = answered.get();
                    int bar = (int) (30L * done / total);
                    int complete = collector.completed(List.copyOf(accepted), TARGETS);
                    out.printf("\r[%s%s] sent %d/%d  accepted %d  fully synced %d   ", "#".repeat(bar),
                            ".".repeat(30 - bar), done, total, accepted.size(), complete);
                    out.flush();
                    LockSupport.parkNanos(250_000_000L);
                }
            }, "load-progress");
            thread.setDaemon(true);
            thread.start();
        }

        void finish() {
            close();
        }

        @Override
        public void close() {
            if (!running) {
                return;
            }
            running = false;
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (out != null) {
                out.println();
            }
        }
    }
}
