package com.mallsync.system.sut;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running system as the fault run, the hostile suite and the benchmark see it: separate processes (a standalone
 * broker, both sandboxes, the three services) that can be killed, stopped, started again, and a broker that can be
 * restarted with its data.
 */
public interface SystemUnderTest extends AutoCloseable {

    /** The processes the tools act on (the broker has its own method). */
    enum Part { CRM_SANDBOX, ERP_SANDBOX, INGEST, MEMBER_SYNC, ERP_SYNC }

    String bootstrapServers();

    /** Base URL ({@code http://127.0.0.1:port}) of a part. */
    String url(Part part);

    default String webhookUrl() {
        return url(Part.INGEST) + "/webhooks/mall/orders";
    }

    /** SIGKILL, as a crash would; returns at once. */
    void kill(Part part);

    /** SIGTERM and wait for the exit. */
    void stop(Part part);

    /** Starts a stopped or killed part again (same command, same port) and waits until it is healthy. */
    void start(Part part);

    /** Stops the broker gracefully and starts it again on the same port with the same data. */
    void restartBroker();

    /** The node id of the broker leading most partitions of {@code topic} (a cluster of several brokers only). */
    default int leaderOfMostPartitions(String topic) {
        throw new UnsupportedOperationException("a single broker leads everything");
    }

    /** SIGKILL of one broker of a cluster (node 1, 2, 3), as a crash; returns at once. */
    default void killBroker(int node) {
        throw new UnsupportedOperationException("this system runs a single broker: restartBroker()");
    }

    /** Starts a killed broker again with its data and ports and waits until it is back in the cluster. */
    default void startBroker(int node) {
        throw new UnsupportedOperationException("this system runs a single broker: restartBroker()");
    }

    /** How many instances of a part run (1 unless the system started more). */
    default int instances(Part part) {
        return 1;
    }

    /** Base URL of instance {@code n} (1, 2, …) of a part. */
    default String url(Part part, int n) {
        return only(n, () -> url(part));
    }

    /** Every instance's webhook, instance 1 first: what a mall behind a balancer pushes to. */
    default List<String> webhookUrls() {
        List<String> urls = new ArrayList<>();
        for (int n = 1; n <= instances(Part.INGEST); n++) {
            urls.add(url(Part.INGEST, n) + "/webhooks/mall/orders");
        }
        return urls;
    }

    /** SIGKILL of instance {@code n}. */
    default void kill(Part part, int n) {
        only(n, () -> {
            kill(part);
            return null;
        });
    }

    /** Starts instance {@code n} again and waits until it is healthy. */
    default void start(Part part, int n) {
        only(n, () -> {
            start(part);
            return null;
        });
    }

    /** SIGSTOP of instance {@code n}: alive but silent (no heartbeats, no commits), until {@link #thaw}. */
    default void freeze(Part part, int n) {
        throw new UnsupportedOperationException("this system cannot freeze a process");
    }

    /** SIGCONT after {@link #freeze}. */
    default void thaw(Part part, int n) {
        throw new UnsupportedOperationException("this system cannot freeze a process");
    }

    default Optional<Long> pid(Part part, int n) {
        return only(n, () -> pid(part));
    }

    default Path logFile(Part part, int n) {
        return only(n, () -> logFile(part));
    }

    private static <T> T only(int n, Supplier<T> first) {
        if (n != 1) {
            throw new IllegalArgumentException("this system runs one instance of each part, not " + n);
        }
        return first.get();
    }

    /** The operating-system pid of a running part. */
    Optional<Long> pid(Part part);

    /** The file a part writes its log to (stdout and stderr). */
    Path logFile(Part part);

    @Override
    void close();
}
