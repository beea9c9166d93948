package com.mallsync.system.fault;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.lifecycle.OrderStory;
import com.mallsync.stack.StackOptions;
import com.mallsync.system.bench.Machine;
import com.mallsync.system.check.EvidenceCollector;
import com.mallsync.system.check.OutcomeWatcher;
import com.mallsync.system.check.SandboxAdmin;
import com.mallsync.system.check.SandboxAdmin.Faults;
import com.mallsync.system.check.SystemCheck;
import com.mallsync.system.check.Verdict;
import com.mallsync.system.orders.LifecycleOrders;
import com.mallsync.system.orders.MallSender;
import com.mallsync.system.orders.SignedOrders;
import com.mallsync.system.sut.LocalStackSystem;
import com.mallsync.system.sut.SystemUnderTest;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * The fault-injection run over a started system: the mall pushes the plan's orders while both sandboxes answer
 * with 5xx and time-outs at the plan's rates, and the plan's faults happen on schedule (SIGKILL and restart of
 * each consumer service twice, each sandbox down once, the broker restarted once), each order with the plan's
 * lifecycle mix (its later pushes: confirmed, cancelled, lines refunded). Then it waits for every event of the
 * acknowledged pushes to have an outcome at both targets, lets things settle, and judges the run with
 * {@link SystemCheck}. On a {@linkplain FaultPlan.Topology#cluster cluster} ({@link #startSystem}) the mall spreads
 * its pushes over both ingest instances and the plan adds a frozen instance of each consumer and a SIGKILLed leader.
 */
public final class FaultRun {

    private final SystemUnderTest system;
    private final FaultPlan plan;
    private final Duration drainWait;
    private final PrintStream log;
    private final long started = System.nanoTime();
    private final long startedAtMs = System.currentTimeMillis();
    private final List<String> faultLog = Collections.synchronizedList(new ArrayList<>());
    private final List<Kill> kills = Collections.synchronizedList(new ArrayList<>());

    /** A consumer service instance SIGKILLed at {@code killedAt} and healthy again at {@code healthyAt} (epoch ms). */
    private record Kill(Part part, int instance, long killedAt, long healthyAt) {
    }

    /**
     * Starts the system the plan runs on: its brokers, both sandboxes, the services, then instances 2, … of ingest,
     * member-sync and erp-sync (in parallel), each with {@link FaultPlan#serviceArgs(int)}.
     */
    public static LocalStackSystem startSystem(FaultPlan plan, Path dataDir) {
        LocalStackSystem system = LocalStackSystem.start(LocalStackSystem.repoRoot(), dataDir, LocalStackSystem.all(),
                StackOptions.DEFAULT_JVM_OPTIONS, plan.serviceArgs(), plan.topology().brokers());
        try {
            List<CompletableFuture<Integer>> more = new ArrayList<>();
            for (int n = 2; n <= plan.topology().instances(); n++) {
                Map<Part, List<String>> args = plan.serviceArgs(n);
                for (Part part : List.of(Part.INGEST, Part.MEMBER_SYNC, Part.ERP_SYNC)) {
                    more.add(CompletableFuture.supplyAsync(() -> system.addInstance(part, args.get(part))));
                }
            }
            more.forEach(CompletableFuture::join);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** @param drainWait how long to wait, after sending, for the last outcomes */
    public FaultRun(SystemUnderTest system, FaultPlan plan, Duration drainWait, PrintStream log) {
        this.system = system;
        this.plan = plan;
        this.drainWait = drainWait;
        this.log = log;
    }

    public Verdict run() {
        SandboxAdmin crm = new SandboxAdmin(system.url(Part.CRM_SANDBOX));
        SandboxAdmin erp = new SandboxAdmin(system.url(Part.ERP_SANDBOX));
        crm.reset();
        erp.reset();
        if (plan.erpDuplicateCode() != null) {
            say("ERP duplicate check on (a second OuterID is refused with Code " + plan.erpDuplicateCode()
                    + "; erp-sync must list it in erp-sync.erp.duplicate-codes): " + erp.duplicateCheck(
                    plan.erpDuplicateCode()));
        } else {
            say("ERP as the seed documents it, with no duplicate check: a SIGKILL of erp-sync mid-call can leave an "
                    + "order created twice, flagged in doubt (README, Known limits)");
        }
        Faults flaky = new Faults(0, plan.errorRate(), plan.timeoutRate(), plan.timeoutMs(), false);
        say("sandbox faults: CRM " + crm.faults(flaky) + ", ERP " + erp.faults(flaky));
        say("system: " + plan.topology() + "; bootstrap servers " + system.bootstrapServers());
        say("plan: " + plan.orders() + " orders at " + plan.rate() + "/s over " + plan.sendingWindow().toSeconds()
                + " s, lifecycle " + plan.mix() + " (later pushes ~" + plan.later().toMillis() + " ms apart); faults:");
        plan.steps().forEach(s -> say("  " + s));

        LifecycleOrders orders = new LifecycleOrders(new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()),
                Clock.systemUTC()), plan.mix(), 13, Clock.systemUTC());
        ScheduledExecutorService faults = new ScheduledThreadPoolExecutor(4);
        try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers());
             MallSender mall = new MallSender(system.webhookUrls(), orders, plan.orders(), plan.rate(), 16,
                     drainWait, plan.later())) {
            mall.start();
            List<ScheduledFuture<?>> scheduled = new ArrayList<>();
            for (FaultPlan.Step step : plan.steps()) {
                scheduled.add(faults.schedule(() -> perform(step, crm, erp, flaky), step.at().toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            Duration sendWait = plan.sendingWindow().plus(drainWait);
            while (!mall.awaitDone(Duration.ofSeconds(10))) {
                List<UUID> events = eventIds(orders, mall.pushesAcknowledged());
                say("mall: " + mall.finishedCount() + "/" + plan.orders() + " orders' pushes answered, attempts "
                        + mall.endings() + "; of " + events.size() + " events pushed, decided at CRM "
                        + watcher.decided(events, SyncTarget.CRM_2030) + ", ERP "
                        + watcher.decided(events, SyncTarget.ERP));
                if (elapsed().compareTo(sendWait) > 0) {
                    say("mall did not finish in " + sendWait);
                    break;
                }
            }
            for (ScheduledFuture<?> f : scheduled) {
                f.get(); // every fault done, every process back up and healthy, every outage over
            }
            Map<String, Integer> acked = mall.pushesAcknowledged();
            Map<String, OrderStory> stories = stories(orders, acked);
            List<UUID> events = eventIds(orders, acked);
            say("mall done: " + stories.size() + " orders acknowledged, " + mall.refused() + " pushes refused; "
                    + acked.values().stream().mapToInt(Integer::intValue).sum() + " pushes acknowledged announcing "
                    + events.size() + " events; attempts " + mall.endings());
            boolean complete = watcher.awaitDecided(events, drainWait, () -> say("waiting for outcomes: "
                    + watcher.decided(events) + "/" + events.size() + " events decided at both targets"));
            say(complete ? "every event pushed has an outcome at both targets"
                    : "time is up: " + watcher.decided(events) + "/" + events.size() + " events have both outcomes");
            settle(crm, erp);
            Map<String, Path> logs = new LinkedHashMap<>();
            for (Part service : List.of(Part.INGEST, Part.MEMBER_SYNC, Part.ERP_SYNC)) {
                for (int n = 1; n <= system.instances(service); n++) {
                    logs.put(service.name() + (n == 1 ? "" : "#" + n), system.logFile(service, n));
                }
            }
            Verdict verdict = SystemCheck.judge(new EvidenceCollector(system.bootstrapServers(), crm, erp)
                    .collect(SignedOrders.MALL_ID, stories, OrderEvent.CONFIRMED, logs, SignedOrders.PLANTED_MOBILE));
            say("faults done:\n  " + String.join("\n  ", faultLog));
            say(recovery(watcher));
            say("verdict:\n" + verdict.report());
            return verdict;
        } catch (Exception e) {
            throw new IllegalStateException("fault run failed: " + e, e);
        } finally {
            faults.shutdownNow();
            crm.faults(Faults.NONE);
            erp.faults(Faults.NONE);
        }
    }

    /** Per order whose paid push was acknowledged, the pushes of it that were (in order). */
    private Map<String, OrderStory> stories(LifecycleOrders orders, Map<String, Integer> acked) {
        Map<String, OrderStory> stories = new HashMap<>();
        for (int i = 0; i < plan.orders(); i++) {
            Integer pushes = acked.get(orders.orderNo(i));
            if (pushes != null && pushes > 0) {
                stories.put(orders.orderNo(i), orders.story(i).first(pushes));
            }
        }
        return stories;
    }

    private List<UUID> eventIds(LifecycleOrders orders, Map<String, Integer> acked) {
        List<UUID> ids = new ArrayList<>();
        stories(orders, acked).forEach((orderNo, story) -> story.events()
                .forEach(f -> ids.add(f.event().eventId(SignedOrders.MALL_ID, orderNo, f.line()))));
        return ids;
    }

    /**
     * Per SIGKILL: how long until the service was healthy again and until its target's next outcome (the first
     * decision of the instance started again: the killed one can publish nothing more).
     */
    private String recovery(OutcomeWatcher watcher) {
        StringBuilder out = new StringBuilder("recovery after each SIGKILL ("
                + (plan.staticMembership() ? "static membership: a stable group.instance.id per service"
                : "dynamic membership") + "; load average now " + Machine.loadAverage() + "):");
        synchronized (kills) {
            for (Kill kill : kills) {
                SyncTarget target = kill.part() == Part.MEMBER_SYNC ? SyncTarget.CRM_2030 : SyncTarget.ERP;
                OptionalLong next = watcher.firstOutcomeAfter(target, kill.killedAt());
                // the process's start-up time depends on the machine's load; what follows it is the group's part
                out.append(String.format("%n  %-14s at +%6.1fs: healthy again after %5.1f s, next %s outcome after %s",
                        kill.part() + " #" + kill.instance(), (kill.killedAt() - startedAtMs) / 1000.0,
                        (kill.healthyAt() - kill.killedAt()) / 1000.0, target,
                        next.isPresent() ? String.format("%5.1f s (%4.1f s after healthy)",
                                (next.getAsLong() - kill.killedAt()) / 1000.0,
                                (next.getAsLong() - kill.healthyAt()) / 1000.0) : "(none)"));
            }
        }
        return out.toString();
    }

    /** Faults off, then a short quiet period so a late duplicate would still be seen by the check. */
    private void settle(SandboxAdmin crm, SandboxAdmin erp) throws InterruptedException {
        crm.faults(Faults.NONE);
        erp.faults(Faults.NONE);
        Thread.sleep(5_000); // not a synchronisation: a window in which a wrongly repeated call could still land
    }

    private void perform(FaultPlan.Step step, SandboxAdmin crm, SandboxAdmin erp, Faults flaky) {
        try {
            switch (step.action()) {
                case KILL_AND_START -> {
                    String name = step.part() + " #" + step.instance();
                    event("SIGKILL " + name + " (pid " + system.pid(step.part(), step.instance()).orElse(-1L) + ")");
                    long killedAt = System.currentTimeMillis();
                    system.kill(step.part(), step.instance());
                    system.start(step.part(), step.instance());
                    kills.add(new Kill(step.part(), step.instance(), killedAt, System.currentTimeMillis()));
                    event(name + " started again and healthy (pid "
                            + system.pid(step.part(), step.instance()).orElse(-1L) + ")");
                }
                case FREEZE -> {
                    String name = step.part() + " #" + step.instance();
                    event("SIGSTOP " + name + " (pid " + system.pid(step.part(), step.instance()).orElse(-1L)
                            + ") for " + step.lasting().toSeconds() + " s");
                    system.freeze(step.part(), step.instance());
                    try {
                        Thread.sleep(step.lasting().toMillis()); // the freeze itself is a length of time
                    } finally {
                        system.thaw(step.part(), step.instance());
                    }
                    event("SIGCONT " + name + ": it wakes up holding work it no longer owns");
                }
                case LEADER_KILL_AND_START -> {
                    int leader = system.leaderOfMostPartitions(Topics.ORDERS_PAID);
                    event("SIGKILL broker " + leader + " (leader of most partitions of " + Topics.ORDERS_PAID + ")");
                    system.killBroker(leader);
                    Thread.sleep(step.lasting().toMillis()); // how long the broker stays dead
                    system.startBroker(leader);
                    event("broker " + leader + " started again and back in the cluster");
                }
                case OUTAGE -> {
                    SandboxAdmin sandbox = step.part() == Part.CRM_SANDBOX ? crm : erp;
                    sandbox.faults(flaky.down(true));
                    event(step.part() + " down for " + step.lasting().toSeconds() + " s");
                    Thread.sleep(step.lasting().toMillis()); // the outage itself is a length of time
                    sandbox.faults(flaky);
                    event(step.part() + " back up");
                }
                case BROKER_RESTART -> {
                    event("restarting the broker");
                    system.restartBroker();
                    event("broker back");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            event("FAULT STEP FAILED " + step + ": " + e);
            throw e;
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void event(String text) {
        faultLog.add(say(text));
    }

    private String say(String text) {
        String line = String.format("[%s +%6.1fs] %s", Instant.now(), elapsed().toMillis() / 1000.0, text);
        log.println(line);
        log.flush();
        return line;
    }
}
