package com.mallsync.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.kafka.KafkaCluster;
import com.mallsync.stack.lifecycle.LaterPush;
import com.mallsync.stack.lifecycle.OrderStory;
import com.mallsync.system.check.EvidenceCollector;
import com.mallsync.system.check.OutcomeWatcher;
import com.mallsync.system.check.SandboxAdmin;
import com.mallsync.system.check.SystemCheck;
import com.mallsync.system.check.Verdict;
import com.mallsync.system.orders.MallSender;
import com.mallsync.system.orders.SignedOrders;
import com.mallsync.system.sut.LocalStackSystem;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * Issue 11, "prove it on a real cluster", the smoke test: three Kafka broker processes (KRaft, topics with
 * replication factor 3 and {@code min.insync.replicas} 2), the real services and sandboxes as processes, a few
 * hundred orders pushed over HTTP while the broker leading most partitions of {@code orders.paid.v1} is SIGKILLed
 * and started again with its data. Then: every order exactly once in each sandbox, exactly one terminal outcome
 * per order per target, nothing on a DLT, nothing lost; and the killed broker is back in every partition's ISR.
 *
 * <p>Prints the figures: orders, time from the first push to the last outcome, time from the kill to the next
 * outcome, the longest pause between outcomes after the kill, the machine's load average.
 */
class ClusterSmokeIT {

    private static final int ORDERS = 300;
    private static final double RATE = 10;
    private static final Duration KILL_AT = Duration.ofSeconds(8);
    /** Generous: the machine is shared with other builds; a wait ends as soon as its condition holds. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private static LocalStackSystem system;

    @BeforeAll
    static void startTheCluster() throws IOException {
        long started = System.nanoTime();
        system = LocalStackSystem.start(LocalStackSystem.repoRoot(),
                Files.createDirectories(Path.of("target", "it-stack", "cluster")), LocalStackSystem.all(),
                StackOptions.DEFAULT_JVM_OPTIONS,
                // paid orders only: the CRM gets each sale at payment, so both sandboxes are exercised
                Map.of(Part.MEMBER_SYNC, List.of("--member-sync.upload-on=PAID")), 3);
        System.out.printf("[cluster] stack with 3 brokers healthy after %d s%n%s",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), system.table());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void killingTheBrokerLeadingMostPartitionsLosesAndDoublesNothing() throws Exception {
        KafkaCluster cluster = system.cluster();
        assertThat(cluster.nodes()).hasSize(3);
        assertThat(cluster.inSyncReplicas(Topics.ORDERS_PAID).values()).allSatisfy(isr -> assertThat(isr).hasSize(3));
        SandboxAdmin crm = new SandboxAdmin(system.url(Part.CRM_SANDBOX));
        SandboxAdmin erp = new SandboxAdmin(system.url(Part.ERP_SANDBOX));
        crm.reset();
        erp.reset();

        SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
        long begin = System.currentTimeMillis();
        long killedAt;
        long startedAgainAt;
        int victim;
        Map<Integer, Integer> leadersBefore;
        Set<String> sent;
        try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers());
             MallSender mall = new MallSender(system.webhookUrl(), orders, ORDERS, RATE, 16, PATIENCE)) {
            mall.start();
            Thread.sleep(KILL_AT.toMillis()); // the kill happens while orders flow: a point in the run, not a sync
            leadersBefore = cluster.leaders(Topics.ORDERS_PAID);
            victim = system.leaderOfMostPartitions(Topics.ORDERS_PAID);
            killedAt = System.currentTimeMillis();
            system.killBroker(victim);
            System.out.printf("[cluster] +%.1fs SIGKILL broker %d (led partitions %s of %s)%n", secs(killedAt - begin),
                    victim, partitionsLedBy(leadersBefore, victim), Topics.ORDERS_PAID);
            system.startBroker(victim);
            startedAgainAt = System.currentTimeMillis();
            System.out.printf("[cluster] +%.1fs broker %d started again and back in the cluster; leaders now %s%n",
                    secs(startedAgainAt - begin), victim, cluster.leaders(Topics.ORDERS_PAID));

            assertThat(mall.awaitDone(PATIENCE)).as("the mall finished pushing").isTrue();
            sent = mall.acknowledged();
            assertThat(watcher.awaitComplete(sent, PATIENCE, () -> System.out.printf(
                    "[cluster] waiting for outcomes: %d/%d orders have both%n", watcher.complete(sent), sent.size())))
                    .as("every acknowledged order has an outcome for both targets").isTrue();
            long lastOutcome = lastOutcomeAt(watcher);
            System.out.printf("[cluster] %d orders at %.0f/s: %d acknowledged, %d refused, attempts %s; first push to "
                            + "last outcome %.1f s%n", ORDERS, RATE, sent.size(), mall.refused(), mall.endings(),
                    secs(lastOutcome - begin));
            Pause pause = pauseAfter(watcher, killedAt);
            System.out.printf("[cluster] kill -> next outcome %d ms; longest pause between outcomes after the kill "
                            + "%d ms; broker down (kill -> healthy again) %.1f s; load average %s%n",
                    pause.nextOutcomeMs(), pause.longestGapMs(), secs(startedAgainAt - killedAt), loadAverage());
        }

        // a window in which a wrongly repeated call could still land (not a synchronisation)
        Thread.sleep(5_000);
        Map<String, Path> logs = new LinkedHashMap<>();
        for (Part service : List.of(Part.INGEST, Part.MEMBER_SYNC, Part.ERP_SYNC)) {
            logs.put(service.name(), system.logFile(service));
        }
        Verdict verdict = SystemCheck.judge(new EvidenceCollector(system.bootstrapServers(), crm, erp)
                .collect(SignedOrders.MALL_ID, paidOnly(orders, sent), OrderEvent.PAID, logs, SignedOrders.PLANTED_MOBILE));
        System.out.println("[cluster] verdict:\n" + verdict.report());

        assertThat(sent).as("every order acknowledged by ingest in the end").hasSize(ORDERS);
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.crm().exactlyOneAsExpected()).isEqualTo(ORDERS);
        assertThat(verdict.erp().exactlyOneAsExpected()).isEqualTo(ORDERS);
        assertThat(verdict.crm().salesStored()).isEqualTo(ORDERS);
        assertThat(verdict.erp().salesStored()).isEqualTo(ORDERS);
        assertThat(verdict.dltRecords().values()).allMatch(n -> n == 0);
        // the restarted broker catches up from its own data and is a full replica again
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.inSyncReplicas(Topics.ORDERS_PAID).values())
                .allSatisfy(isr -> assertThat(isr).contains(victim).hasSize(3)));
    }

    /** Each acknowledged order's story: paid, and nothing since, with the lines its push has. */
    private static Map<String, OrderStory> paidOnly(SignedOrders orders, Set<String> sent) {
        Map<String, OrderStory> stories = new LinkedHashMap<>();
        for (int i = 0; i < ORDERS; i++) {
            if (sent.contains(orders.orderNo(i))) {
                stories.put(orders.orderNo(i), OrderStory.paidOnly(LaterPush.lineIds(orders.unsigned(i))));
            }
        }
        return stories;
    }

    private record Pause(long nextOutcomeMs, long longestGapMs) {
    }

    /** From the outcomes' timestamps: the first after the kill, and the longest gap between two after it. */
    private static Pause pauseAfter(OutcomeWatcher watcher, long killedAt) {
        List<Long> after = new ArrayList<>();
        for (SyncTarget target : SyncTarget.values()) {
            watcher.firstOutcomeAt(target).values().stream().filter(t -> t >= killedAt).forEach(after::add);
        }
        after.sort(Long::compare);
        if (after.isEmpty()) {
            return new Pause(-1, -1);
        }
        long gap = after.get(0) - killedAt;
        for (int i = 1; i < after.size(); i++) {
            gap = Math.max(gap, after.get(i) - after.get(i - 1));
        }
        return new Pause(after.get(0) - killedAt, gap);
    }

    private static long lastOutcomeAt(OutcomeWatcher watcher) {
        long last = 0;
        for (SyncTarget target : SyncTarget.values()) {
            last = Math.max(last, watcher.firstOutcomeAt(target).values().stream().mapToLong(Long::longValue)
                    .max().orElse(0));
        }
        return last;
    }

    private static List<Integer> partitionsLedBy(Map<Integer, Integer> leaders, int node) {
        return leaders.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey).sorted().toList();
    }

    private static double secs(long millis) {
        return millis / 1000.0;
    }

    private static String loadAverage() throws IOException {
        Path proc = Path.of("/proc/loadavg");
        return Files.exists(proc) ? String.join(" ", List.of(Files.readString(proc).trim().split(" ")).subList(0, 3))
                : "n/a";
    }
}
