package com.mallsync.system.sut;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.mallsync.stack.Component;
import com.mallsync.stack.LocalStack;
import com.mallsync.stack.StackLayout;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.StackPorts;
import com.mallsync.stack.kafka.KafkaCluster;

/**
 * {@link SystemUnderTest} over the local stack's launcher: a standalone Kafka broker process from the kafka_2.13
 * jars, the sandboxes and the services started from their built jars, each its own process.
 */
public final class LocalStackSystem implements SystemUnderTest {

    /** How long a started (or restarted) part may take to become healthy on a busy two-core machine. */
    public static final Duration STARTUP = Duration.ofMinutes(3);

    private final LocalStack stack;

    private LocalStackSystem(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * Starts a stack on free ports with its own data folder.
     *
     * @param repoRoot   the repository (its modules' {@code target/} jars are used)
     * @param dataDir    where the broker's data and the logs go (wiped first)
     * @param parts      which parts to start (the broker always starts)
     * @param jvmOptions options for every service and sandbox JVM
     * @param extraArgs  more {@code --key=value} arguments per part
     */
    public static LocalStackSystem start(Path repoRoot, Path dataDir, Set<Part> parts, List<String> jvmOptions,
                                         Map<Part, List<String>> extraArgs) {
        return start(repoRoot, dataDir, parts, jvmOptions, extraArgs, 1);
    }

    /**
     * The same with {@code brokers} brokers: 1, or 3 for a KRaft cluster (replication factor 3,
     * {@code min.insync.replicas} 2) whose brokers {@link #killBroker(int)} and {@link #startBroker(int)} act on.
     */
    public static LocalStackSystem start(Path repoRoot, Path dataDir, Set<Part> parts, List<String> jvmOptions,
                                         Map<Part, List<String>> extraArgs, int brokers) {
        StackOptions.Builder options = StackOptions.builder(new StackLayout(repoRoot, dataDir))
                .ports(StackPorts.random())
                .brokers(brokers)
                .clean(true)
                .jvmOptions(jvmOptions)
                .startupWait(STARTUP);
        Set<Component> components = EnumSet.of(Component.KAFKA);
        parts.forEach(p -> components.add(component(p)));
        options.components(components);
        extraArgs.forEach((part, args) -> options.extraArgs(component(part), args.toArray(String[]::new)));
        return new LocalStackSystem(LocalStack.start(options.build()));
    }

    /** Every part. */
    public static Set<Part> all() {
        return EnumSet.allOf(Part.class);
    }

    /** Finds the repository root from the working directory upwards (tests run in {@code system-tests/}). */
    public static Path repoRoot() {
        return StackLayout.locate(Path.of("")).repoRoot();
    }

    static Component component(Part part) {
        return switch (part) {
            case CRM_SANDBOX -> Component.CRM_SANDBOX;
            case ERP_SANDBOX -> Component.ERP_SANDBOX;
            case INGEST -> Component.INGEST;
            case MEMBER_SYNC -> Component.MEMBER_SYNC;
            case ERP_SYNC -> Component.ERP_SYNC;
        };
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String url(Part part) {
        return stack.url(component(part));
    }

    @Override
    public String webhookUrl() {
        return stack.webhookUrl();
    }

    @Override
    public void kill(Part part) {
        stack.process(component(part)).kill();
    }

    @Override
    public void stop(Part part) {
        stack.process(component(part)).stop();
    }

    @Override
    public void start(Part part) {
        stack.process(component(part)).start().awaitHealthy(STARTUP);
    }

    @Override
    public void restartBroker() {
        stack.restartBroker(STARTUP);
    }

    @Override
    public int leaderOfMostPartitions(String topic) {
        return cluster().leaderOfMostPartitions(topic).nodeId();
    }

    @Override
    public void killBroker(int node) {
        stack.killBroker(node);
    }

    @Override
    public void startBroker(int node) {
        stack.startBroker(node, STARTUP);
    }

    /** The stack's Kafka: its brokers, their leaders and in-sync replicas (one broker, or three). */
    public KafkaCluster cluster() {
        return stack.kafka();
    }

    /**
     * Starts one more instance of a service (the same command as instance 1, its own port and log, {@code args} in
     * place of instance 1's arguments with the same keys) and waits until it is healthy.
     *
     * @return its number: 2, 3, …
     */
    public int addInstance(Part part, List<String> args) {
        stack.addInstance(component(part), args, STARTUP);
        return instances(part);
    }

    @Override
    public int instances(Part part) {
        return stack.instances(component(part)).size();
    }

    @Override
    public String url(Part part, int n) {
        return stack.instance(component(part), n).url();
    }

    @Override
    public void kill(Part part, int n) {
        stack.instance(component(part), n).kill();
    }

    @Override
    public void start(Part part, int n) {
        stack.instance(component(part), n).start().awaitHealthy(STARTUP);
    }

    @Override
    public void freeze(Part part, int n) {
        stack.instance(component(part), n).freeze();
    }

    @Override
    public void thaw(Part part, int n) {
        stack.instance(component(part), n).thaw();
    }

    @Override
    public Optional<Long> pid(Part part, int n) {
        return stack.instance(component(part), n).pid();
    }

    @Override
    public Path logFile(Part part, int n) {
        return stack.instance(component(part), n).logFile();
    }

    @Override
    public Optional<Long> pid(Part part) {
        return stack.process(component(part)).pid();
    }

    @Override
    public Path logFile(Part part) {
        return stack.process(component(part)).logFile();
    }

    /** The launcher's table of components, URLs, pids and log files. */
    public String table() {
        return stack.table();
    }

    @Override
    public void close() {
        stack.close();
    }
}
