package com.mallsync.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.stack.kafka.KafkaBroker;
import com.mallsync.stack.kafka.KafkaCluster;
import com.mallsync.stack.kafka.StackTopics;
import com.mallsync.stack.process.HealthCheck;
import com.mallsync.stack.process.ManagedProcess;

/**
 * The whole system on one machine, each part its own process: a Kafka broker, both sandboxes, the three services
 * and the ops console, started from the build output with the contract configuration keys. Used by
 * {@code ./run-local} and by the system tests (and the fault-injection suite, through {@link #process} and
 * {@link #broker()}).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackOptions.builder(layout).ports(StackPorts.random()).build())) {
 *     post(stack.url(Component.INGEST) + "/webhooks/mall/orders", ...);
 *     stack.process(Component.ERP_SYNC).kill();      // a crash
 *     stack.process(Component.ERP_SYNC).start().awaitHealthy(Duration.ofMinutes(2));
 *     stack.restartBroker();                          // same data, same port
 * }
 * }</pre>
 *
 * <p>With {@link StackOptions#brokers()} 3 the broker is a {@link KafkaCluster} of three processes (topics with
 * replication factor 3, {@code min.insync.replicas} 2), every client gets all three as its bootstrap servers, and
 * {@link #killBroker(int)} / {@link #startBroker(int, Duration)} act on one of them ({@link #kafka()} finds the
 * leaders).
 *
 * <p>{@link #close()} stops everything, the broker last; a JVM shutdown hook does the same on Ctrl-C.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final StackOptions options;
    private final KafkaBroker broker;
    private final KafkaCluster kafka;
    private final List<KafkaBroker> brokers;
    private final Map<Component, ManagedProcess> processes = new EnumMap<>(Component.class);
    /** Instances 2, 3, … of a component ({@link #addInstance}); instance 1 is in {@link #processes}. */
    private final Map<Component, List<ManagedProcess>> moreInstances = new EnumMap<>(Component.class);
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalStack(StackOptions options, KafkaCluster kafka) {
        this.options = options;
        this.kafka = kafka;
        this.broker = kafka.nodes().get(0);
        this.brokers = kafka.nodes();
        this.processes.put(Component.KAFKA, broker);
        this.shutdownHook = new Thread(this::stopAll, "local-stack-shutdown");
    }

    /**
     * Starts the broker, creates the topics, starts the other components and waits until each is healthy.
     *
     * @throws IllegalStateException when a jar is missing, a port is taken or a component does not become healthy
     *                               (everything started so far is stopped again)
     */
    public static LocalStack start(StackOptions options) {
        StackLayout layout = options.layout();
        if (options.clean()) {
            wipe(layout.dataDir());
        }
        checkJars(options);
        Orphans.reap(layout.dataDir());
        List<Integer> busy = options.ports().busy(options.brokers());
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + busy
                    + " (another stack running? stop it, or use --port-offset=N)");
        }
        LocalStack stack = new LocalStack(options, prepareKafka(options));
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static KafkaCluster prepareKafka(StackOptions options) {
        StackLayout layout = options.layout();
        if (options.brokers() == 1) {
            return KafkaCluster.single(KafkaBroker.prepare(layout.kafkaLibs(), layout.kafkaDir(),
                    layout.logFile(Component.KAFKA), options.ports().kafka(), options.ports().kafkaController()));
        }
        List<int[]> ports = new ArrayList<>();
        for (int node = 1; node <= options.brokers(); node++) {
            ports.add(options.ports().broker(node));
        }
        return KafkaCluster.prepare(layout.kafkaLibs(), layout.kafkaClusterDir(), ports, layout::brokerLogFile);
    }

    private void startAll() {
        kafka.start();
        brokers.forEach(b -> Orphans.record(options.layout().dataDir(), b));
        kafka.awaitReady(options.startupWait());
        StackTopics.Setup topics = kafka.createTopics();
        LOG.info("{} up at {}; topics created: {}; retention altered: {}", brokers.size() == 1 ? "broker" : "cluster",
                bootstrapServers(), topics.created(), topics.altered());
        for (Component component : Component.values()) {
            if (component != Component.KAFKA && options.components().contains(component)) {
                ManagedProcess process = processFor(component);
                processes.put(component, process);
                process.start();
                Orphans.record(options.layout().dataDir(), process);
            }
        }
        // every JVM starts at once (they share two cores either way); then wait for each
        List<CompletableFuture<ManagedProcess>> ready = processes.values().stream()
                .filter(p -> !brokers.contains(p))
                .map(p -> CompletableFuture.supplyAsync(() -> p.awaitHealthy(options.startupWait())))
                .toList();
        try {
            ready.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private ManagedProcess processFor(Component component) {
        StackLayout layout = options.layout();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.add("-D" + Orphans.MARKER + "=" + layout.dataDir());
        command.add("-jar");
        command.add(layout.jar(component).toString());
        command.addAll(ComponentArgs.of(component, options.ports(), bootstrapServers()));
        command.addAll(options.extraArgs(component));
        String url = url(component);
        return new ManagedProcess(component.shortName(), command, layout.dataDir(), layout.logFile(component),
                HealthCheck.httpUp(url + component.healthPath()), url);
    }

    /**
     * Starts one more instance of a started service (the same command as instance 1, on a port of its own, logging
     * to {@code logs/<name>-<n>.log}) with {@code args} put in place of instance 1's arguments of the same keys (its
     * own {@code group-instance-id}, say), and waits until it is healthy. Stopped with the stack.
     *
     * @return the new instance's handle; it is {@link #instance instance(component, n)} with n = 2, 3, …
     */
    public ManagedProcess addInstance(Component component, List<String> args, Duration within) {
        return launchInstance(component, args).awaitHealthy(within); // outside the lock: instances start in parallel
    }

    private synchronized ManagedProcess launchInstance(Component component, List<String> args) {
        if (closed) {
            throw new IllegalStateException("the stack is stopped");
        }
        if (component == Component.KAFKA || component.isSandbox()) {
            throw new IllegalArgumentException("only a service runs as several instances, not " + component);
        }
        ManagedProcess first = process(component);
        List<ManagedProcess> more = moreInstances.computeIfAbsent(component, c -> new ArrayList<>());
        int n = more.size() + 2;
        int port = StackPorts.freePort();
        List<String> own = new ArrayList<>(args);
        own.add("--server.port=" + port);
        String url = "http://127.0.0.1:" + port;
        ManagedProcess process = new ManagedProcess(component.shortName() + "-" + n,
                ComponentArgs.replacing(first.command(), own), options.layout().dataDir(),
                options.layout().logFile(component, n), HealthCheck.httpUp(url + component.healthPath()), url);
        more.add(process);
        process.start();
        Orphans.record(options.layout().dataDir(), process);
        return process;
    }

    /** Instance {@code n} (1, 2, …) of a component: {@link #process} for 1, {@link #addInstance} made the others. */
    public synchronized ManagedProcess instance(Component component, int n) {
        if (n == 1) {
            return process(component);
        }
        List<ManagedProcess> more = moreInstances.getOrDefault(component, List.of());
        if (n < 1 || n - 2 >= more.size()) {
            throw new IllegalArgumentException(component + " has no instance " + n + " (" + instances(component).size()
                    + " running)");
        }
        return more.get(n - 2);
    }

    /** Every instance of a component, instance 1 first. */
    public synchronized List<ManagedProcess> instances(Component component) {
        List<ManagedProcess> all = new ArrayList<>();
        find(component).ifPresent(all::add);
        all.addAll(moreInstances.getOrDefault(component, List.of()));
        return all;
    }

    /** The handle of a started component (to stop, kill, start again, read its log). */
    public ManagedProcess process(Component component) {
        ManagedProcess process = processes.get(component);
        if (process == null) {
            throw new IllegalArgumentException(component + " is not part of this stack");
        }
        return process;
    }

    /** The started components' handles, in start order (every broker of a cluster first, then each instance). */
    public synchronized List<ManagedProcess> processes() {
        List<ManagedProcess> all = new ArrayList<>(brokers);
        processes.values().stream().filter(p -> !brokers.contains(p)).forEach(all::add);
        moreInstances.values().forEach(all::addAll);
        return all;
    }

    /** The broker; broker 1 of a cluster. */
    public KafkaBroker broker() {
        return broker;
    }

    /** Every broker, node 1 first (one for the single-broker stack). */
    public List<KafkaBroker> brokers() {
        return brokers;
    }

    /** The stack's Kafka, one broker or three: its nodes, their leaders and in-sync replicas. */
    public KafkaCluster kafka() {
        return kafka;
    }

    /** Every broker's client listener, comma-separated: what each service gets as its bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The base URL of a component ({@code http://127.0.0.1:port}); the bootstrap servers for the broker. */
    public String url(Component component) {
        return component == Component.KAFKA ? bootstrapServers()
                : "http://127.0.0.1:" + options.ports().of(component);
    }

    /** The ingest endpoint the mall pushes to. */
    public String webhookUrl() {
        return url(Component.INGEST) + "/webhooks/mall/orders";
    }

    public StackOptions options() {
        return options;
    }

    /**
     * A broker outage and recovery: graceful stop, start with the same data and port, wait until it answers
     * (a cluster: each node in turn). Clients keep their bootstrap servers and reconnect.
     */
    public void restartBroker(Duration within) {
        kafka.restartEach(within);
    }

    /** SIGKILL of broker {@code node} (1, 2, 3), as a crash; returns at once. */
    public void killBroker(int node) {
        kafka.node(node).kill();
    }

    /** Starts broker {@code node} again with its data and ports; waits until it is back in the cluster. */
    public void startBroker(int node, Duration within) {
        kafka.startAgain(node, within);
    }

    /** One line per component: name, URL, pid, log file. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-12s %-28s %-8s %s%n", "component", "url", "pid", "log"));
        for (ManagedProcess p : processes()) {
            out.append(String.format("%-12s %-28s %-8s %s%n", p.name(), p.url(),
                    p.pid().map(String::valueOf).orElse("-"), p.logFile()));
        }
        if (processes.containsKey(Component.OPS_CONSOLE)) {
            out.append(ConsoleUsers.line());
        }
        return out.toString();
    }

    /** Stops every component, the broker last (so the services can commit and say goodbye). */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<ManagedProcess> others = processes().stream().filter(p -> !brokers.contains(p)).toList();
        // SIGTERM to all at once, each then waits for its own exit (or is killed after the grace period)
        others.parallelStream().forEach(ManagedProcess::stop);
        kafka.stop();
        Orphans.clear(options.layout().dataDir());
    }

    private static void checkJars(StackOptions options) {
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(options.layout().kafkaLibs())) {
            missing.add(options.layout().kafkaLibs().toString());
        }
        for (Component component : options.components()) {
            if (component != Component.KAFKA && !Files.exists(options.layout().jar(component))) {
                missing.add(options.layout().jar(component).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("build output missing (run ./mvnw -B -q -DskipTests package): " + missing);
        }
    }

    /** Deletes the data folder (only a folder the stack owns: it must be named as the layout says). */
    static void wipe(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        Orphans.reap(dataDir);
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not wipe " + dataDir, e);
        }
        LOG.info("wiped {}", dataDir);
    }

    /** The handle of a component, if it was started. */
    public Optional<ManagedProcess> find(Component component) {
        return Optional.ofNullable(processes.get(component));
    }
}
