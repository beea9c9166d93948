package com.mallsync.system.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mallsync.model.event.SyncTarget;
import com.mallsync.system.check.OutcomeWatcher;
import com.mallsync.system.check.SandboxAdmin;
import com.mallsync.system.check.SandboxAdmin.Faults;
import com.mallsync.system.check.SandboxStats;
import com.mallsync.system.orders.MallSender;
import com.mallsync.system.orders.OrderSource;
import com.mallsync.system.sut.SystemUnderTest;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * Phase (d) of the {@link SystemBenchmark}: with both consumers stopped, a backlog is pushed through ingest; then
 * member-sync is started alone and its drain rate (first to last outcome record) is held against the 2030 limit
 * {@code 100 × concurrent requests / latency}, then erp-sync alone against {@code in flight / latency}.
 */
final class DrainPhase {

    private final SystemUnderTest system;
    private final SystemBenchmark.Settings settings;
    private final BenchFigures figures;
    private final OrderSource backlogOrders;
    private final SandboxAdmin crm;
    private final SandboxAdmin erp;
    private final PrintStream log;

    DrainPhase(SystemUnderTest system, SystemBenchmark.Settings settings, BenchFigures figures,
               OrderSource backlogOrders, SandboxAdmin crm, SandboxAdmin erp, PrintStream log) {
        this.system = system;
        this.settings = settings;
        this.figures = figures;
        this.backlogOrders = backlogOrders;
        this.crm = crm;
        this.erp = erp;
        this.log = log;
    }

    void run() throws Exception {
        system.stop(Part.MEMBER_SYNC);
        system.stop(Part.ERP_SYNC);
        crm.reset();
        erp.reset();
        crm.faults(Faults.latency(settings.crmLatencyMs()));
        erp.faults(Faults.latency(settings.erpLatencyMs()));
        say("(d) pushing a backlog of " + settings.backlog() + " orders with both consumers stopped");
        List<String> backlog = pushBacklog(settings.backlog());
        try (OutcomeWatcher watcher = new OutcomeWatcher(system.bootstrapServers())) {
            double crmLimit = 100.0 * settings.crmConcurrency() * 1000 / settings.crmLatencyMs();
            drain(Part.MEMBER_SYNC, SyncTarget.CRM_2030, crm, watcher, backlog, crmLimit,
                    "100 orders x " + settings.crmConcurrency() + " concurrent request(s) / "
                            + settings.crmLatencyMs() + " ms");
            double erpLimit = settings.erpInFlight() * 1000.0 / settings.erpLatencyMs();
            drain(Part.ERP_SYNC, SyncTarget.ERP, erp, watcher, backlog, erpLimit,
                    settings.erpInFlight() + " in flight / " + settings.erpLatencyMs() + " ms");
        }
    }

    private void drain(Part service, SyncTarget target, SandboxAdmin sandbox, OutcomeWatcher watcher,
                       List<String> backlog, double limit, String limitFormula) throws InterruptedException {
        SandboxStats before = sandbox.stats();
        system.start(service);
        long deadline = System.nanoTime() + settings.outcomeWait().toNanos();
        while (watcher.complete(backlog, target) < backlog.size() && System.nanoTime() < deadline) {
            Thread.sleep(500); // polling a watcher, not synchronising on time
        }
        Map<String, Long> at = watcher.firstOutcomeAt(target);
        long[] times = backlog.stream().filter(at::containsKey).mapToLong(at::get).sorted().toArray();
        SandboxStats after = sandbox.stats();
        long requests = after.requests() - before.requests();
        if (times.length < 2) {
            figures.add("(d) drain", target + " backlog of " + backlog.size(), "no outcomes", "", "");
            return;
        }
        double seconds = (times[times.length - 1] - times[0]) / 1000.0;
        double rate = (times.length - 1) / seconds;
        say(String.format("    %s: %d outcomes in %.1f s = %.0f orders/s, limit %.0f/s (%.0f%%), %d requests",
                target, times.length, seconds, rate, limit, 100 * rate / limit, requests));
        String fill = target == SyncTarget.CRM_2030 && requests > 0
                ? String.format("; mean batch fill %.1f orders/request", (double) times.length / requests) : "";
        figures.add("(d) drain", target + " drain of " + backlog.size() + " orders",
                String.format("%.0f orders/s = %.0f%% of the limit %.0f/s", rate, 100 * rate / limit, limit),
                ">= 90% of the limit", String.format("limit = %s; sandbox %d ms per call; %d of %d outcomes; "
                        + "first to last outcome %.1f s; %d requests%s", limitFormula,
                        target == SyncTarget.CRM_2030 ? settings.crmLatencyMs() : settings.erpLatencyMs(),
                        times.length, backlog.size(), seconds, requests, fill));
    }

    private List<String> pushBacklog(int count) throws InterruptedException {
        List<String> pushed = new ArrayList<>(count);
        try (MallSender mall = new MallSender(system.webhookUrl(), backlogOrders, count, 100_000, 32,
                Duration.ofMinutes(2))) {
            mall.start();
            mall.awaitDone(Duration.ofMinutes(5));
            pushed.addAll(mall.acknowledged());
        }
        return pushed;
    }

    private void say(String text) {
        log.println(text);
        log.flush();
    }
}
