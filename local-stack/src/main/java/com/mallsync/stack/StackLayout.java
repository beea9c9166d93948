package com.mallsync.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where things are: the repository (build output of every module) and the stack's data folder (broker data,
 * logs, pids). Everything the stack writes is under {@link #dataDir()}, which {@code --clean} wipes.
 *
 * @param repoRoot the repository root (holds {@code pom.xml} and the module folders)
 * @param dataDir  the stack's folder, {@code .local/} by default
 */
public record StackLayout(Path repoRoot, Path dataDir) {

    /** The project version the jars carry, from the build (resource filtering). */
    public static final String VERSION = readVersion();

    public StackLayout {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The repository found from {@code start} upwards, with its {@code .local/} data folder. */
    public static StackLayout locate(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        while (dir != null) {
            if (Files.exists(dir.resolve("local-stack").resolve("pom.xml")) && Files.exists(dir.resolve("pom.xml"))) {
                return new StackLayout(dir, dir.resolve(".local"));
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside the mall-order-sync repository: " + start.toAbsolutePath());
    }

    /** Same repository, another data folder (tests use a temporary one). */
    public StackLayout withDataDir(Path other) {
        return new StackLayout(repoRoot, other);
    }

    public Path kafkaLibs() {
        return repoRoot.resolve("local-stack").resolve("target").resolve("kafka-libs");
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** The three-broker cluster's folder: {@code node-1/}, {@code node-2/}, {@code node-3/} and its id. */
    public Path kafkaClusterDir() {
        return dataDir.resolve("kafka-cluster");
    }

    /** The log file of broker {@code node} of the three-broker cluster. */
    public Path brokerLogFile(int node) {
        return logsDir().resolve(Component.KAFKA.shortName() + "-" + node + ".log");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(Component component) {
        return logsDir().resolve(component.shortName() + ".log");
    }

    /** The log file of instance {@code n} of a component: {@link #logFile(Component)} for 1, else {@code <name>-<n>.log}. */
    public Path logFile(Component component, int n) {
        return n == 1 ? logFile(component) : logsDir().resolve(component.shortName() + "-" + n + ".log");
    }

    /** The executable jar of a component: {@code <module>-<version>.jar}, or {@code -exec.jar} for a sandbox. */
    public Path jar(Component component) {
        if (component.module() == null) {
            throw new IllegalArgumentException(component + " does not run from a jar of its own");
        }
        String name = component.module() + "-" + VERSION + (component.isSandbox() ? "-exec" : "") + ".jar";
        return repoRoot.resolve(component.module()).resolve("target").resolve(name);
    }

    private static String readVersion() {
        try (InputStream in = StackLayout.class.getResourceAsStream("/local-stack.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "0.1.0-SNAPSHOT");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
