package com.mallsync.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.mallsync.stack.StackOptions;
import com.mallsync.system.bench.BenchFigures;
import com.mallsync.system.bench.BenchmarksFile;
import com.mallsync.system.bench.Machine;
import com.mallsync.system.bench.StateBenchmark;
import com.mallsync.system.bench.StateFigures;
import com.mallsync.system.bench.StateSection;
import com.mallsync.system.bench.SystemBenchmark;
import com.mallsync.system.check.Verdict;
import com.mallsync.system.fault.FaultPlan;
import com.mallsync.system.fault.FaultRun;
import com.mallsync.system.hostile.Category;
import com.mallsync.system.hostile.HostileReport;
import com.mallsync.system.hostile.HostileSuite;
import com.mallsync.system.hostile.SignatureAttacks;
import com.mallsync.system.hostile.SlowClientLoad;
import com.mallsync.system.orders.SignedOrders;
import com.mallsync.system.sut.LocalStackSystem;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * Entry point of the system-tests exec jar, called by the root scripts: {@code fault-run [--short]},
 * {@code hostile}, {@code bench [--quick] [--out FILE]}. Each starts its own local stack (separate processes, a
 * standalone broker) on free ports with a fresh data folder under {@code .local/system-tools/}, and stops it at
 * the end. Exit code 0 when the run passed (the benchmark always passes: it prints figures).
 */
public final class SystemTools {

    /** JVM options of every child process in the benchmark: C2 on (the stack's default is C1 only), 256 MB heap. */
    static final List<String> BENCH_JVM = List.of("-Xms128m", "-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Djava.awt.headless=true");

    /**
     * bench-state's JVMs: the benchmark's, and a heap that runs out ends the process at once (exit code 3, the
     * error in its log) instead of leaving it collecting for minutes: an OOM is then a figure, not a hang.
     */
    static final List<String> STATE_JVM = Stream.concat(BENCH_JVM.stream(), Stream.of("-XX:+ExitOnOutOfMemoryError"))
            .toList();

    private SystemTools() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        List<String> options = Arrays.asList(args).subList(1, args.length);
        int exit = switch (args[0]) {
            case "fault-run" -> faultRun(options);
            case "hostile" -> hostile();
            case "bench" -> bench(options);
            case "bench-state" -> benchState(options);
            case "bench-erp-start" -> benchErpStart(options);
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static void usage() {
        System.err.println("usage: SystemTools fault-run [--short] [--cluster] [--erp-duplicate-code=CODE] [--dynamic-membership] [--consumer-protocol] | hostile | bench [--quick] [--out BENCHMARKS.md] [--drain-only ROUNDS] | bench-state [--orders 1000000] [--baseline 10000] [--out BENCHMARKS.md] | bench-erp-start --jars A.jar,B.jar [--orders 1000000] [--rounds 2]");
        System.exit(2);
    }

    private static int faultRun(List<String> options) throws Exception {
        FaultPlan plan = options.contains("--short") ? FaultPlan.shortened() : FaultPlan.full();
        String duplicateCode = options.stream().filter(o -> o.startsWith("--erp-duplicate-code="))
                .map(o -> o.substring("--erp-duplicate-code=".length())).findFirst().orElse(null);
        if (duplicateCode != null) {
            plan = plan.withErpDuplicateCheck(duplicateCode);
        }
        if (options.contains("--dynamic-membership")) {
            plan = plan.withDynamicMembership();
        }
        if (options.contains("--consumer-protocol")) {
            plan = plan.withConsumerProtocol();
        }
        if (options.contains("--cluster")) {
            plan = plan.onCluster(FaultPlan.CLUSTER_FREEZE);
        }
        try (LocalStackSystem system = FaultRun.startSystem(plan, dataDir("fault-run"))) {
            System.out.println(system.table());
            Verdict verdict = new FaultRun(system, plan, Duration.ofMinutes(10), System.out).run();
            return verdict.passed() ? 0 : 1;
        }
    }

    private static int hostile() throws Exception {
        try (LocalStackSystem system = LocalStackSystem.start(LocalStackSystem.repoRoot(), dataDir("hostile"),
                EnumSet.of(Part.INGEST), StackOptions.DEFAULT_JVM_OPTIONS,
                Map.of(Part.INGEST, SignatureAttacks.ingestArgs()))) {
            System.out.println(system.table());
            SignedOrders orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
            HostileReport report = new HostileSuite(system.webhookUrl(), system.url(Part.INGEST) + "/actuator/health",
                    system.bootstrapServers(), system.logFile(Part.INGEST), Duration.ofSeconds(30))
                    .run(orders, System.currentTimeMillis());
            new SignatureAttacks(system.webhookUrl(), system.bootstrapServers(), Clock.systemUTC())
                    .run(orders, 500_000_000, report);
            SlowClientLoad.Result slow = new SlowClientLoad(system.webhookUrl(), Duration.ofSeconds(1))
                    .run(300, Duration.ofSeconds(25), Duration.ofMillis(100), i -> orders.body(600_000_000 + i),
                            orders.body(999_999_999));
            slow.endings().forEach((ending, n) -> {
                for (long i = 0; i < n; i++) {
                    report.record(Category.SLOW_LORIS, "300 at once: " + ending);
                }
            });
            report.note(slow.text());
            if (slow.openAtOnce() < 300 || slow.percentile(100) >= 1_000 || !slow.validStatuses().keySet()
                    .equals(java.util.Set.of("200"))) {
                report.violation("300 slow clients: valid pushes not all 200 within 1 s: " + slow.text());
            }
            System.out.println(report.text());
            return report.passed() ? 0 : 1;
        }
    }

    private static int bench(List<String> options) throws Exception {
        boolean quick = options.contains("--quick");
        int out = options.indexOf("--out");
        Path file = out >= 0 && out + 1 < options.size() ? Path.of(options.get(out + 1))
                : LocalStackSystem.repoRoot().resolve("BENCHMARKS.md");
        SystemBenchmark.Settings settings = quick ? SystemBenchmark.Settings.quick() : SystemBenchmark.Settings.issue();
        String started = ZonedDateTime.now(Clock.systemUTC()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = Machine.loadAverage();
        BenchFigures figures;
        // the benchmark's orders are paid only: with the default upload-on CONFIRMED the CRM would SKIP them all and
        // its figures would measure no upload at all
        try (LocalStackSystem system = LocalStackSystem.start(LocalStackSystem.repoRoot(), dataDir("bench"),
                LocalStackSystem.all(), BENCH_JVM,
                Map.of(Part.MEMBER_SYNC, List.of("--member-sync.upload-on=PAID"),
                        Part.INGEST, SystemBenchmark.ingestArgs()))) {
            System.out.println(system.table());
            int drainOnly = intOption(options, "--drain-only", 0);
            if (drainOnly > 0) {
                // a partial run: printed, not written into BENCHMARKS.md
                BenchFigures drains = new SystemBenchmark(system, settings, System.out).drainOnly(drainOnly);
                System.out.println(section(quick, started, drains, loadBefore, Machine.loadAverage()));
                return 0;
            }
            figures = new SystemBenchmark(system, settings, System.out).run();
        }
        String section = section(quick, started, figures, loadBefore, Machine.loadAverage());
        System.out.println(section);
        BenchmarksFile.write(file, section);
        System.out.println("written to " + file.toAbsolutePath());
        return 0;
    }

    /**
     * {@code bench-state}: the baseline size, then the big one, each on a fresh stack (issue 16); the table side by
     * side goes into BENCHMARKS.md between the {@code state} markers.
     */
    private static int benchState(List<String> options) throws Exception {
        int orders = intOption(options, "--orders", 1_000_000);
        int baseline = intOption(options, "--baseline", 10_000);
        int out = options.indexOf("--out");
        Path file = out >= 0 && out + 1 < options.size() ? Path.of(options.get(out + 1))
                : LocalStackSystem.repoRoot().resolve("BENCHMARKS.md");
        String started = ZonedDateTime.now(Clock.systemUTC()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = Machine.uptime();
        StateBenchmark bench = new StateBenchmark(LocalStackSystem.repoRoot(), STATE_JVM,
                StateBenchmark.Settings.issue(), System.out);
        StateFigures base = bench.run(dataDir("bench-state"), baseline);
        String loadBetween = Machine.uptime();
        StateFigures big = bench.run(dataDir("bench-state"), orders);
        String section = StateSection.markdown(started, String.join(" ", options), Machine.here().describe(),
                List.of(loadBefore, loadBetween, Machine.uptime()), String.join(" ", STATE_JVM),
                StateBenchmark.Settings.issue(), base, big);
        System.out.println(section);
        BenchmarksFile.write(file, section, "state");
        System.out.println("written to " + file.toAbsolutePath());
        return 0;
    }

    /**
     * {@code bench-erp-start}: bench-state's fill at one size, then only erp-sync's start, from each of the given
     * jars in turn (builds compared on the same data, one right after the other); prints, writes nothing.
     */
    private static int benchErpStart(List<String> options) throws Exception {
        int orders = intOption(options, "--orders", 1_000_000);
        int rounds = intOption(options, "--rounds", 2);
        int at = options.indexOf("--jars");
        if (at < 0 || at + 1 >= options.size()) {
            usage();
            return 2;
        }
        List<Path> jars = Arrays.stream(options.get(at + 1).split(",")).map(Path::of).toList();
        System.out.println("uptime before: " + Machine.uptime());
        new StateBenchmark(LocalStackSystem.repoRoot(), STATE_JVM, StateBenchmark.Settings.issue(), System.out)
                .erpStarts(dataDir("bench-erp-start"), orders, jars, rounds);
        System.out.println("uptime after: " + Machine.uptime());
        return 0;
    }

    private static int intOption(List<String> options, String name, int otherwise) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? Integer.parseInt(options.get(at + 1).replace("_", "")) : otherwise;
    }

    static String section(boolean quick, String started, BenchFigures figures, String loadBefore,
                          String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("## System benchmark").append(quick ? " (--quick: a smoke run, figures not comparable)" : "")
                .append("\n\n");
        md.append("Run `./bench` (started ").append(started).append(").\n\n");
        md.append("- Machine: ").append(Machine.here().describe()).append("\n");
        md.append("- Load average (1 / 5 / 15 min) before the run: ").append(loadBefore).append("; after: ")
                .append(loadAfter).append(" (other work on the machine competes for the same two cores)\n");
        md.append("- Everything on this one machine at once: a standalone Kafka broker (one node, KRaft), both ")
                .append("sandboxes, the three services (each its own JVM: `").append(String.join(" ", BENCH_JVM))
                .append("`) and the load generator; member-sync uploads on PAID (`--member-sync.upload-on=PAID`: ")
                .append("the benchmark's orders are paid only).\n\n");
        md.append(figures.markdownTable());
        if (!figures.notes().isEmpty()) {
            md.append("\n");
            figures.notes().forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    private static Path dataDir(String name) throws java.io.IOException {
        Path dir = LocalStackSystem.repoRoot().resolve(".local").resolve("system-tools").resolve(name);
        Files.createDirectories(dir);
        return dir;
    }
}
