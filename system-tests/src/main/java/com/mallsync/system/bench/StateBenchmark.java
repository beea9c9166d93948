package com.mallsync.system.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.stack.Component;
import com.mallsync.stack.LocalStack;
import com.mallsync.stack.StackLayout;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.StackPorts;
import com.mallsync.stack.process.HealthCheck;
import com.mallsync.stack.process.ManagedProcess;
import com.mallsync.system.orders.SignedOrders;
import tools.jackson.databind.JsonNode;

/**
 * The state benchmark at one size (issue 16): a fresh local stack; the consumers and the console stopped; the topics
 * filled with what {@code orders} orders leave behind ({@link StateRecords}) and kept (retention.ms -1: the local
 * broker keeps 7 days by default and the records are up to {@code days} old); both consumer groups moved to the end
 * of {@code orders.paid.v1} (the state is measured, not a drain); then member-sync, erp-sync and the console started
 * one after the other, each measured alone: start to healthy, start to caught up, heap after a full GC, peak RSS;
 * then the console's page times. It asserts nothing.
 */
public final class StateBenchmark {

    /** erp-sync's ledger topic (erp-sync creates it at its first start, compacted). */
    static final String LEDGER_TOPIC = "erp-sync.synced.v1";
    private static final Pattern INDEX_CAUGHT_UP = Pattern.compile("outcome index caught up \\((\\d+) orders known\\)");
    private static final Pattern LEDGER_LOADED = Pattern.compile("synced ledger \\S+ loaded: (\\d+) orders");
    private static final Pattern CONSOLE_CAUGHT_UP = Pattern.compile("ledger caught up in \\d+ ms");

    /**
     * @param days         how far back the oldest order is (inside the 60-day windows: the bounded indexes keep it all)
     * @param catchUpLimit how long a service may take to catch up before it is given up on
     * @param pageSamples  requests per console page (after one warm-up)
     */
    public record Settings(Duration days, Duration catchUpLimit, int pageSamples) {

        public static Settings issue() {
            return new Settings(Duration.ofDays(56), Duration.ofMinutes(5), 20);
        }
    }

    private final Path repoRoot;
    private final List<String> jvmOptions;
    private final Settings settings;
    private final PrintStream log;

    public StateBenchmark(Path repoRoot, List<String> jvmOptions, Settings settings, PrintStream log) {
        this.repoRoot = repoRoot;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.settings = settings;
        this.log = log;
    }

    public StateFigures run(Path dataDir, int orders) throws Exception {
        List<String> notes = new ArrayList<>();
        say("== " + orders + " orders: starting a fresh stack in " + dataDir);
        try (LocalStack stack = LocalStack.start(stackOptions(dataDir))) {
            StateRecords records = records(orders);
            StateFill.Written written = fill(stack, records, orders);
            List<ServiceState> services = new ArrayList<>();
            services.add(startService(stack, Component.MEMBER_SYNC, logLine(INDEX_CAUGHT_UP,
                    "outcome index: %s entries (its log's \"orders known\": one per event of its target)"), notes));
            services.add(startService(stack, Component.ERP_SYNC, erpCaughtUp(), notes));
            String console = stack.url(Component.OPS_CONSOLE);
            services.add(startService(stack, Component.OPS_CONSOLE, consoleCaughtUp(console, written), notes));
            Percentiles summary = Percentiles.NONE;
            Percentiles search = Percentiles.NONE;
            if (services.get(2) instanceof ServiceState.Measured) {
                summary = pageTimes(console + "/api/summary");
                // an order from the middle: old enough that the console keeps no story steps of it at 1 M orders
                search = pageTimes(console + "/api/orders?no=" + URLEncoder.encode(records.orderNo(orders / 2),
                        StandardCharsets.UTF_8));
            } else {
                notes.add("console page times not measured: the console did not catch up");
            }
            return new StateFigures(orders, written.paid(), written.outcomes(), written.ledger(), written.bytes(),
                    written.millis(), services, summary, search, notes);
        }
    }

    private StackOptions stackOptions(Path dataDir) {
        return StackOptions.builder(new StackLayout(repoRoot, dataDir))
                .ports(StackPorts.random()).clean(true).jvmOptions(jvmOptions)
                .startupWait(Duration.ofMinutes(3)).build();
    }

    private StateRecords records(int orders) {
        return new StateRecords(SignedOrders.runIdFrom(Clock.systemUTC()), orders, settings.days(), LEDGER_TOPIC,
                Clock.systemUTC());
    }

    /** Stops the consumers and the console, fills the topics, moves both groups to the end. */
    private StateFill.Written fill(LocalStack stack, StateRecords records, int orders) throws Exception {
        say(stack.table());
        // started once so erp-sync creates its ledger topic as it does; stopped while the topics are filled
        List.of(Component.MEMBER_SYNC, Component.ERP_SYNC, Component.OPS_CONSOLE).parallelStream()
                .forEach(c -> stack.process(c).stop());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers()))) {
            List<String> kept = List.of(Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, LEDGER_TOPIC);
            StateTopics.keepEverything(admin, kept);
            say("retention.ms -1 on " + kept);
            say("filling: " + orders + " orders over the last " + settings.days().toDays() + " days");
            StateFill.Written written = StateFill.fill(stack.bootstrapServers(), records, orders, log);
            say(String.format("    written in %.1f s: %d paid, %d outcome, %d ledger records, %.0f MiB",
                    written.millis() / 1000.0, written.paid(), written.outcomes(), written.ledger(),
                    written.bytes() / 1048576.0));
            long skipped = StateTopics.moveGroupsToEnd(admin);
            say("groups " + Topics.MEMBER_SYNC_GROUP + ", " + Topics.ERP_SYNC_GROUP + " moved to the end of "
                    + Topics.ORDERS_PAID + " (" + skipped + " records)");
            return written;
        }
    }

    /**
     * erp-sync's start alone, for comparing builds: one fill, then erp-sync started from each of {@code jars} in
     * turn, {@code rounds} times (A B A B: one right after the other on the same data, so the machine's load hits
     * both alike). Each start: to healthy, to caught up, the process's CPU time and its collections
     * ({@code jstat -gc}) at that moment, then the heap after a full GC. Prints one line per start.
     */
    public List<String> erpStarts(Path dataDir, int orders, List<Path> jars, int rounds) throws Exception {
        List<String> lines = new ArrayList<>();
        say("== " + orders + " orders, erp-sync's start only: starting a fresh stack in " + dataDir);
        try (LocalStack stack = LocalStack.start(stackOptions(dataDir))) {
            fill(stack, records(orders), orders);
            ManagedProcess stock = stack.process(Component.ERP_SYNC);
            String stockJar = new StackLayout(repoRoot, dataDir).jar(Component.ERP_SYNC).toString();
            for (int round = 1; round <= rounds; round++) {
                for (Path jar : jars) {
                    List<String> command = stock.command().stream()
                            .map(arg -> arg.equals(stockJar) ? jar.toAbsolutePath().toString() : arg).toList();
                    ManagedProcess process = new ManagedProcess(stock.name(), command, dataDir, stock.logFile(),
                            HealthCheck.httpUp(stock.url() + Component.ERP_SYNC.healthPath()), stock.url());
                    List<String> notes = new ArrayList<>();
                    ServiceState state;
                    CpuAndGc atCaughtUp;
                    lastCpuAndGc = new CpuAndGc(-1, "n/a"); // a start that never catches up has no figures
                    try {
                        state = startService(process, erpCaughtUp(), notes);
                    } finally {
                        atCaughtUp = lastCpuAndGc;
                        process.stop();
                    }
                    String line = String.format(Locale.ROOT, "%s round %d: %s; at caught up: %s; uptime %s",
                            jar.getFileName(), round, describe(state), atCaughtUp, Machine.uptime());
                    say("    " + line);
                    notes.forEach(n -> say("      " + n));
                    lines.add(line);
                }
            }
        }
        lines.forEach(this::say);
        return lines;
    }

    private static String describe(ServiceState state) {
        if (state instanceof ServiceState.Measured m) {
            return String.format(Locale.ROOT, "healthy %.1f s, caught up %.1f s, heap after full GC %.0f MiB (%s)",
                    m.healthyMs() / 1000.0, m.caughtUpMs() / 1000.0, m.heapBytes() / 1048576.0, m.detail());
        }
        return state.toString();
    }

    /** CPU time (user + system) and the collections so far of a process, read when it caught up. */
    record CpuAndGc(double cpuSeconds, String gc) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CPU %.1f s, %s", cpuSeconds, gc);
        }
    }

    private volatile CpuAndGc lastCpuAndGc = new CpuAndGc(-1, "n/a");

    private static CpuAndGc cpuAndGc(long pid) {
        double cpu = -1;
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the fields after the command's closing parenthesis; utime and stime are the 14th and 15th of all
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            // left at -1: reported as unknown
        }
        String gc = "gc n/a";
        try {
            Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                    "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
            String[] rows = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
                    .split("\\R");
            if (jstat.waitFor(30, TimeUnit.SECONDS) && rows.length == 2) {
                String[] names = rows[0].trim().split("\\s+");
                String[] values = rows[1].trim().split("\\s+");
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < names.length && i < values.length; i++) {
                    if (List.of("YGC", "YGCT", "FGC", "FGCT", "GCT", "OU", "OC").contains(names[i])) {
                        b.append(b.isEmpty() ? "" : " ").append(names[i]).append('=').append(values[i]);
                    }
                }
                gc = b.toString();
            }
        } catch (IOException e) {
            // gc n/a
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new CpuAndGc(cpu, gc);
    }

    private static CaughtUp erpCaughtUp() {
        return newLog -> {
            Matcher ledger = LEDGER_LOADED.matcher(newLog);
            return logLine(INDEX_CAUGHT_UP, "outcome index: %s entries").check(newLog)
                    .map(index -> (ledger.find() ? "ledger: " + ledger.group(1) + " entries; " : "") + index);
        };
    }

    /** How a service tells it has caught up; empty while it has not, else what it says it holds. */
    @FunctionalInterface
    interface CaughtUp {
        Optional<String> check(String newLog);
    }

    private static CaughtUp logLine(Pattern line, String detail) {
        return newLog -> {
            Matcher m = line.matcher(newLog);
            return m.find() ? Optional.of(detail.formatted(m.group(1))) : Optional.empty();
        };
    }

    private CaughtUp consoleCaughtUp(String console, StateFill.Written written) {
        return newLog -> {
            // its log line first, as for the services: polling /api/summary meanwhile (a bcrypt check per basic-auth
            // request) would measure the poller too; the counts are then checked once against what was written
            if (!CONSOLE_CAUGHT_UP.matcher(newLog).find()) {
                return Optional.empty();
            }
            JsonNode ledger = ConsoleHttp.get(console + "/api/summary").map(body -> Json.tree(body).path("ledger")).orElse(null);
            if (ledger == null || ledger.path("paidRecords").asLong() < written.paid()
                    || ledger.path("outcomeRecords").asLong() < written.outcomes()) {
                return Optional.empty();
            }
            return Optional.of("ledger: " + ledger.path("orders").asLong() + " orders, "
                    + ledger.path("events").asLong() + " events");
        };
    }

    private ServiceState startService(LocalStack stack, Component component, CaughtUp caughtUp, List<String> notes)
            throws Exception {
        return startService(stack.process(component), caughtUp, notes);
    }

    private ServiceState startService(ManagedProcess process, CaughtUp caughtUp, List<String> notes)
            throws Exception {
        Path logFile = process.logFile();
        long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
        say("starting " + process.name());
        long start = System.nanoTime();
        process.start();
        long healthy = -1;
        long deadline = start + settings.catchUpLimit().toNanos();
        String detail = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String newLog = readFrom(logFile, offset);
                String why = "exited (code " + process.exitCode().map(String::valueOf).orElse("?") + ")"
                        + ExitReason.of(newLog).map(r -> ": " + r).orElse("");
                say("    " + process.name() + ": " + why);
                return new ServiceState.Failed(process.name(), healthy, millisSince(start), -1, why);
            }
            if (healthy < 0 && process.isHealthy()) {
                healthy = millisSince(start);
                say("    healthy after " + healthy + " ms");
            }
            if (detail == null) {
                detail = caughtUp.check(readFrom(logFile, offset)).orElse(null);
            }
            if (detail != null && healthy >= 0) {
                break;
            }
            Thread.sleep(200);
        }
        long pid = process.pid().orElse(-1L);
        OptionalLong rss = ProcessMemory.statusField(pid, "VmHWM");
        if (detail == null) {
            String why = "not caught up within " + settings.catchUpLimit().toSeconds() + " s"
                    + ExitReason.of(readFrom(logFile, offset)).map(r -> "; its log: " + r).orElse("");
            say("    " + process.name() + ": " + why);
            return new ServiceState.Failed(process.name(), healthy, millisSince(start), rss.orElse(-1), why);
        }
        long caught = millisSince(start);
        lastCpuAndGc = cpuAndGc(pid);
        say("    caught up after " + caught + " ms (" + detail + "); " + lastCpuAndGc);
        ProcessMemory.fullGc(pid);
        OptionalLong heap = ProcessMemory.heapFromJcmd(pid);
        List<String> top = ProcessMemory.topClasses(pid, 6);
        if (!top.isEmpty()) {
            say("    biggest classes: " + String.join("; ", top));
            notes.add(process.name() + "'s biggest classes after the full GC: " + String.join("; ", top));
        }
        rss = ProcessMemory.statusField(pid, "VmHWM");
        say(String.format("    heap after full GC %.0f MiB, VmHWM %.0f MiB", heap.orElse(-1) / 1048576.0,
                rss.orElse(-1) / 1048576.0));
        return new ServiceState.Measured(process.name(), healthy, caught, heap.orElse(-1), rss.orElse(-1), detail);
    }

    private Percentiles pageTimes(String url) {
        ConsoleHttp.get(url);
        long[] ms = new long[settings.pageSamples()];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            if (ConsoleHttp.get(url).isEmpty()) {
                say("    " + url + " did not answer 200");
                return Percentiles.NONE;
            }
            ms[i] = millisSince(t);
        }
        Percentiles p = Percentiles.of(ms);
        say(String.format("    %s: median %.0f ms, p95 %.0f, max %.0f", url, p.p50(), p.p95(), p.max()));
        return p;
    }

    private static String readFrom(Path file, long offset) {
        try {
            byte[] all = Files.readAllBytes(file);
            return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private void say(String text) {
        log.println(text);
        log.flush();
    }
}
