package com.mallsync.system.bench;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.system.check.OutcomeWatcher;
import com.mallsync.system.check.SandboxAdmin;
import com.mallsync.system.check.SandboxAdmin.Faults;
import com.mallsync.system.orders.FastSignedOrders;
import com.mallsync.system.orders.MallSender;
import com.mallsync.system.orders.SignedOrders;
import com.mallsync.system.sut.SystemUnderTest;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * The system benchmark, in one go on one started system: (a) the raw producer's rate for the OrderPaid record size,
 * (b) at 8/32/64 connections a pass-through baseline (same server and producer, no checks) and then ingest, ingest as a
 * share of both it and (a), (c) end-to-end latency from webhook to both outcomes
 * at a fixed rate with both sandboxes answering in 20 ms, (d) the 2030 backlog drain and the ERP drain against
 * their limits, (e) peak resident set and heap of each service. It prints figures; it asserts nothing.
 */
public final class SystemBenchmark {

    /** What to run; {@link #issue()} is the issue's benchmark. */
    public record Settings(List<Integer> connectionLevels, Duration warmUp, Duration measured, Duration rawDuration,
                           double e2eRate, Duration e2eDuration, long e2eSandboxLatencyMs, int backlog,
                           long crmLatencyMs, int crmConcurrency, long erpLatencyMs, int erpInFlight,
                           long memberSyncLingerMs, Duration outcomeWait) {

        public static Settings issue() {
            return new Settings(List.of(8, 32, 64), Duration.ofSeconds(5), Duration.ofSeconds(20),
                    Duration.ofSeconds(15), 500, Duration.ofSeconds(60), 20, 20_000, 100, 4, 50, 16, 1_000, Duration.ofMinutes(3));
        }

        /** A minute-long smoke version, to try the command (figures not comparable). */
        public static Settings quick() {
            return new Settings(List.of(8, 32), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                    100, Duration.ofSeconds(10), 20, 2_000, 100, 4, 50, 16, 1_000, Duration.ofSeconds(45));
        }
    }

    private static final List<Part> SERVICES = List.of(Part.INGEST, Part.MEMBER_SYNC, Part.ERP_SYNC);

    private final SystemUnderTest system;
    private final Settings settings;
    private final PrintStream log;
    private final BenchFigures figures = new BenchFigures();
    private final SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
    private final FastSignedOrders fast = new FastSignedOrders(orders, SignedOrders.MALL_SECRET);
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final SandboxAdmin crm;
    private final SandboxAdmin erp;

    public SystemBenchmark(SystemUnderTest system, Settings settings, PrintStream log) {
        this.system = system;
        this.settings = settings;
        this.log = log;
        this.crm = new SandboxAdmin(system.url(Part.CRM_SANDBOX));
        this.erp = new SandboxAdmin(system.url(Part.ERP_SANDBOX));
    }

    public BenchFigures run() throws Exception {
        try (MemorySampler memory = new MemorySampler(system, SERVICES)) {
            rawProducer();
            system.stop(Part.MEMBER_SYNC);
            system.stop(Part.ERP_SYNC);
            ingest();
            skipBacklog();
            endToEnd();
            drain();
            memory.sample();
            memoryFigures(memory);
        } finally {
            healSandboxes();
        }
        return figures;
    }

    /**
     * Only phase (d), {@code rounds} times on the same stack (a fresh backlog each): for profiling the consumers'
     * drains and comparing builds, without the eight minutes before it. Its figures are not the benchmark's.
     */
    public BenchFigures drainOnly(int rounds) throws Exception {
        try {
            for (int round = 1; round <= rounds; round++) {
                say("drain round " + round + " of " + rounds);
                drain();
            }
        } finally {
            healSandboxes();
        }
        return figures;
    }

    private void healSandboxes() {
        crm.faults(Faults.NONE);
        erp.faults(Faults.NONE);
    }

    /** Phase (d) on a fresh backlog of orders not used before. */
    private void drain() throws Exception {
        new DrainPhase(system, settings, figures, fast.from(nextIndex.getAndAdd(settings.backlog())), crm, erp, log)
                .run();
    }

    private void rawProducer() {
        byte[] body = fast.body(nextIndex.getAndIncrement());
        MallOrderPush push = Json.read(body, MallOrderPush.class);
        OrderPaid paid = OrderPaidMapping.toOrderPaid(push, new String(body, java.nio.charset.StandardCharsets.UTF_8),
                Instant.now());
        byte[] value = Json.write(paid);
        int partitions = partitions(Topics.ORDERS_PAID);
        say("(a) raw producer, " + value.length + "-byte OrderPaid records, " + partitions + " partitions, "
                + settings.rawDuration().toSeconds() + " s");
        RawProducerBench raw = RawProducerBench.run(system.bootstrapServers(), value, partitions,
                settings.rawDuration());
        say(String.format("    %.0f records/s, %.1f MB/s", raw.recordsPerSecond(), raw.megabytesPerSecond()));
        rawRate = raw.recordsPerSecond();
        figures.add("(a) raw producer", "records/s (" + value.length + " B OrderPaid, acks=all, idempotent, "
                + partitions + " partitions)", String.format("%.0f/s (%.1f MB/s)", raw.recordsPerSecond(),
                raw.megabytesPerSecond()), "", "in-process KafkaProducer, " + settings.rawDuration().toSeconds()
                + " s after 2,000 warm-up records, scratch topic on the stack's broker");
    }

    private double rawRate = Double.NaN;

    /** The pass-through baseline's topic (ingest is started with {@code ingest.bench.pass-through-topic} = this). */
    public static final String PASS_THROUGH_TOPIC = "bench.pass-through.v1";

    /** What ingest must be started with for this benchmark: its pass-through baseline switched on. */
    public static List<String> ingestArgs() {
        return List.of("--ingest.bench.pass-through-topic=" + PASS_THROUGH_TOPIC);
    }

    /**
     * (b) At each connection level, the pass-through baseline (same Tomcat, same producer, no checks: the floor of
     * HTTP→Kafka cost here) and then ingest, one right after the other with the same client and the same signed
     * bodies; ingest is reported as a share of the baseline and of the raw producer.
     */
    private void ingest() throws Exception {
        try (Admin admin = admin()) {
            // as many partitions as orders.paid.v1, the broker's default replication (as the stack's topics)
            admin.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, Optional.of(partitions(Topics.ORDERS_PAID)),
                    Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
        String passThrough = system.url(Part.INGEST) + "/bench/pass-through";
        for (int connections : settings.connectionLevels()) {
            say("(b) pass-through baseline at " + connections + " connections: " + settings.warmUp().toSeconds()
                    + " s warm-up, " + settings.measured().toSeconds() + " s measured");
            IngestLoad floor = IngestLoad.run(passThrough, fast, nextIndex, connections, settings.warmUp(),
                    settings.measured());
            say(String.format("    %.0f records/s, p50 %.1f ms, p99 %.1f ms, other answers %s",
                    floor.acceptedPerSecond(), floor.latencyMs().p50(), floor.latencyMs().p99(),
                    floor.otherAnswers()));
            say("(b) ingest at " + connections + " connections: " + settings.warmUp().toSeconds() + " s warm-up, "
                    + settings.measured().toSeconds() + " s measured");
            IngestLoad load = IngestLoad.run(system.webhookUrl(), fast, nextIndex, connections, settings.warmUp(),
                    settings.measured());
            say(String.format("    %.0f accepted/s, p50 %.1f ms, p99 %.1f ms, other answers %s",
                    load.acceptedPerSecond(), load.latencyMs().p50(), load.latencyMs().p99(), load.otherAnswers()));
            figures.add("(b) pass-through", connections + " connections: records/s, p50 / p99",
                    String.format("%.0f/s, %.1f / %.1f ms", floor.acceptedPerSecond(), floor.latencyMs().p50(),
                            floor.latencyMs().p99()), "", "POST /bench/pass-through: body to "
                            + PASS_THROUGH_TOPIC + " unchecked, same server and producer as ingest; non-200: "
                            + floor.otherAnswers());
            figures.add("(b) ingest", connections + " connections: accepted/s",
                    String.format("%.0f/s (%.2f× pass-through, %.0f%% of raw)", load.acceptedPerSecond(),
                            load.acceptedPerSecond() / floor.acceptedPerSecond(),
                            100 * load.acceptedPerSecond() / rawRate),
                    connections == 32 ? ">= 6,000/s" : "", "closed loop, distinct signed orders, "
                            + settings.measured().toSeconds() + " s after " + settings.warmUp().toSeconds()
                            + " s warm-up, right after the pass-through; consumers stopped; non-200: "
                            + load.otherAnswers());
            figures.add("(b) ingest", connections + " connections: latency p50 / p99",
                    String.format("%.1f / %.1f ms", load.latencyMs().p50(), load.latencyMs().p99()),
                    connections == 32 ? "p99 <= 50 ms" : "", "request sent to reply read, client side");
        }
    }

    /** The ingest load's orders are not part of the later phases: the consumer groups start at the end. */
    private void skipBacklog() {
        try (Admin admin = admin()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ORDERS_PAID)).allTopicNames().get()
                    .get(Topics.ORDERS_PAID).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ORDERS_PAID, p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().forEach((p, info) -> ends.put(p, new OffsetAndMetadata(info.offset())));
            for (String group : List.of(Topics.MEMBER_SYNC_GROUP, Topics.ERP_SYNC_GROUP)) {
                admin.alterConsumerGroupOffsets(group, ends).all().get();
            }
            say("consumer groups moved past the ingest benchmark's orders: " + ends.values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum() + " records skipped");
        } catch (Exception e) {
            figures.note("Could not move the consumer groups past the ingest benchmark's orders (" + e
                    + "): the consumers drained them during (c), so (c) ran on a loaded system.");
            say("could not skip the backlog: " + e);
        }
    }

    private void endToEnd() throws Exception {
        crm.reset();
        erp.reset();
        crm.faults(Faults.latency(settings.e2eSandboxLatencyMs()));
        erp.faults(Faults.latency(settings.e2eSandboxLatencyMs()));
        system.start(Part.MEMBER_SYNC);
        system.start(Part.ERP_SYNC);
        warmUpConsumers();
        int count = (int) (settings.e2eRate() * settings.e2eDuration().toSeconds());
        say("(c) end to end: " + count + " orders at " + settings.e2eRate() + "/s, sandboxes answering in "
                + settings.e2eSandboxLatencyMs() + " ms");
        SignedOrders e2eOrders = new SignedOrders(SignedOrders.runIdFrom(Clock.offset(Clock.systemUTC(),
                Duration.ofSeconds(1))), Clock.systemUTC());
        try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers());
             MallSender mall = new MallSender(system.webhookUrl(), e2eOrders, count, settings.e2eRate(), 64,
                     Duration.ofMinutes(2))) {
            mall.start();
            mall.awaitDone(settings.e2eDuration().plus(Duration.ofMinutes(2)));
            Set<String> sent = mall.acknowledged();
            boolean complete = watcher.awaitComplete(sent, settings.outcomeWait(),
                    () -> say("    outcomes for " + watcher.complete(sent) + "/" + sent.size()));
            Map<String, Long> due = mall.dueAtMillis();
            Map<String, Long> crmAt = watcher.firstOutcomeAt(SyncTarget.CRM_2030);
            Map<String, Long> erpAt = watcher.firstOutcomeAt(SyncTarget.ERP);
            Percentiles both = latencies(sent, due, o -> Math.max(crmAt.getOrDefault(o, -1L),
                    erpAt.getOrDefault(o, -1L)), o -> crmAt.containsKey(o) && erpAt.containsKey(o));
            Percentiles crmOnly = latencies(sent, due, o -> crmAt.get(o), crmAt::containsKey);
            Percentiles erpOnly = latencies(sent, due, o -> erpAt.get(o), erpAt::containsKey);
            long target = settings.memberSyncLingerMs() + 2 * settings.e2eSandboxLatencyMs() + 50;
            say(String.format("    both outcomes: p50 %.0f ms, p95 %.0f, p99 %.0f, max %.0f (%d orders%s)",
                    both.p50(), both.p95(), both.p99(), both.max(), both.count(), complete ? "" : ", INCOMPLETE"));
            figures.add("(c) end to end", "webhook -> both outcomes, p50 / p95 / p99 / max",
                    String.format("%.0f / %.0f / %.0f / %.0f ms", both.p50(), both.p95(), both.p99(), both.max()),
                    "p99 <= linger + 2 x 20 ms + 50 ms = " + target + " ms (linger " + settings.memberSyncLingerMs()
                            + " ms)",
                    String.format("%d orders at %.0f/s for %d s, %d of %d with both outcomes; from the order's due time "
                            + "to the outcome record's timestamp; mall attempts %s", count, settings.e2eRate(),
                            settings.e2eDuration().toSeconds(), both.count(), sent.size(), mall.endings()));
            figures.add("(c) end to end", "webhook -> CRM outcome, p50 / p99",
                    String.format("%.0f / %.0f ms", crmOnly.p50(), crmOnly.p99()), "", "batching linger included");
            figures.add("(c) end to end", "webhook -> ERP outcome, p50 / p99",
                    String.format("%.0f / %.0f ms", erpOnly.p50(), erpOnly.p99()), "", "");
        }
    }

    /**
     * Until both consumers have joined their groups and answered, an order would wait for the rebalance, not for
     * the system: a few orders go through first, outside the measurement.
     */
    private void warmUpConsumers() throws InterruptedException {
        SignedOrders warm = new SignedOrders(SignedOrders.runIdFrom(Clock.offset(Clock.systemUTC(),
                Duration.ofSeconds(2))), Clock.systemUTC());
        try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers());
             MallSender mall = new MallSender(system.webhookUrl(), warm, 50, 25, 8, Duration.ofMinutes(1))) {
            mall.start();
            mall.awaitDone(Duration.ofMinutes(1));
            boolean ready = watcher.awaitComplete(mall.acknowledged(), settings.outcomeWait(), () -> { });
            say("    warm-up: " + watcher.complete(mall.acknowledged()) + "/" + mall.acknowledged().size()
                    + " orders with both outcomes" + (ready ? "" : " (not all: measuring anyway)"));
        }
    }

    private static Percentiles latencies(Collection<String> sent, Map<String, Long> due,
                                         java.util.function.ToLongFunction<String> doneAt,
                                         java.util.function.Predicate<String> done) {
        return Percentiles.of(sent.stream().filter(done).filter(due::containsKey)
                .mapToLong(o -> doneAt.applyAsLong(o) - due.get(o)).toArray());
    }

    private void memoryFigures(MemorySampler memory) {
        for (Part part : SERVICES) {
            MemorySampler.Peak peak = memory.peak(part);
            figures.add("(e) memory", part + ": peak RSS / peak heap used",
                    mib(peak.rssBytes()) + " / " + mib(peak.heapBytes()), "heap <= 256 MB",
                    "VmHWM of /proc/<pid>/status and actuator jvm.memory.used{area=heap} (jcmd GC.heap_info "
                            + "if not exposed), sampled every 2 s over the whole run, highest kept");
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / (1024.0 * 1024));
    }

    private int partitions(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()));
    }

    private void say(String text) {
        log.println(text);
        log.flush();
    }
}
