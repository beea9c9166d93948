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
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.mallsync.model.event.SyncTarget;
import com.mallsync.system.check.EvidenceCollector;
import com.mallsync.system.check.OutcomeWatcher;
import com.mallsync.system.check.SandboxAdmin;
import com.mallsync.system.check.SandboxAdmin.Faults;
import com.mallsync.system.check.SystemCheck;
import com.mallsync.system.check.Verdict;
import com.mallsync.system.orders.MallSender;
import com.mallsync.system.orders.SignedOrders;
import com.mallsync.system.sut.SystemUnderTest;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * The fault-injection run over a started system: the mall pushes the plan's orders while both sandboxes answer
 * with 5xx and time-outs at the plan's rates, and the plan's faults happen on schedule (SIGKILL and restart of
 * each consumer service twice, each sandbox down once, the broker restarted once). Then it waits for every
 * acknowledged order to have an outcome for both targets, lets things settle, and judges the run with
 * {@link SystemCheck}.
 */
public final class FaultRun {

    private final SystemUnderTest system;
    private final FaultPlan plan;
    private final Duration drainWait;
    private final PrintStream log;
    private final long started = System.nanoTime();
    private final List<String> faultLog = Collections.synchronizedList(new ArrayList<>());

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
        Faults flaky = new Faults(0, plan.errorRate(), plan.timeoutRate(), plan.timeoutMs(), false);
        say("sandbox faults: CRM " + crm.faults(flaky) + ", ERP " + erp.faults(flaky));
        say("plan: " + plan.orders() + " orders at " + plan.rate() + "/s over " + plan.sendingWindow().toSeconds()
                + " s; faults:");
        plan.steps().forEach(s -> say("  " + s));

        SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
        ScheduledExecutorService faults = new ScheduledThreadPoolExecutor(4);
        try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers());
             MallSender mall = new MallSender(system.webhookUrl(), orders, plan.orders(), plan.rate(), 16,
                     drainWait)) {
            mall.start();
            List<ScheduledFuture<?>> scheduled = new ArrayList<>();
            for (FaultPlan.Step step : plan.steps()) {
                scheduled.add(faults.schedule(() -> perform(step, crm, erp, flaky), step.at().toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            Duration sendWait = plan.sendingWindow().plus(drainWait);
            while (!mall.awaitDone(Duration.ofSeconds(10))) {
                say("mall: " + mall.finishedCount() + "/" + plan.orders() + " pushed and answered, attempts "
                        + mall.endings() + "; outcomes CRM " + watcher.complete(mall.acknowledged(), SyncTarget.CRM_2030)
                        + ", ERP " + watcher.complete(mall.acknowledged(), SyncTarget.ERP));
                if (elapsed().compareTo(sendWait) > 0) {
                    say("mall did not finish in " + sendWait);
                    break;
                }
            }
            for (ScheduledFuture<?> f : scheduled) {
                f.get(); // every fault done, every process back up and healthy, every outage over
            }
            Set<String> sent = mall.acknowledged();
            say("mall done: " + sent.size() + " acknowledged, " + mall.refused() + " refused; attempts "
                    + mall.endings());
            boolean complete = watcher.awaitComplete(sent, drainWait, () -> say("waiting for outcomes: "
                    + watcher.complete(sent) + "/" + sent.size() + " orders have both"));
            say(complete ? "every acknowledged order has an outcome for both targets"
                    : "time is up: " + watcher.complete(sent) + "/" + sent.size() + " orders have both outcomes");
            settle(crm, erp);
            Map<String, Path> logs = new LinkedHashMap<>();
            for (Part service : List.of(Part.INGEST, Part.MEMBER_SYNC, Part.ERP_SYNC)) {
                logs.put(service.name(), system.logFile(service));
            }
            Verdict verdict = SystemCheck.judge(new EvidenceCollector(system.bootstrapServers(), crm, erp)
                    .collect(SignedOrders.MALL_ID, sent, logs, SignedOrders.PLANTED_MOBILE));
            say("faults done:\n  " + String.join("\n  ", faultLog));
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
                    event("SIGKILL " + step.part() + " (pid " + system.pid(step.part()).orElse(-1L) + ")");
                    system.kill(step.part());
                    system.start(step.part());
                    event(step.part() + " started again and healthy (pid " + system.pid(step.part()).orElse(-1L) + ")");
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
