package com.mallsync.stack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process of the local stack (a broker, a sandbox, a service, the console), with its command, its log
 * file and its health check. The fault-injection suite drives these handles: {@link #stop()} (SIGTERM, then
 * SIGKILL after a grace period), {@link #kill()} (SIGKILL at once, as a crash would), {@link #freeze()} and
 * {@link #thaw()} (SIGSTOP/SIGCONT: hung, not dead), {@link #start()} again (same command, same ports, log
 * appended), {@link #restart()}.
 *
 * <p>Thread-safe: every state change is synchronized; health waits are not, so a test can poll while another thread
 * stops the process.
 */
public class ManagedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
    /** How long a SIGTERM gets before SIGKILL: Spring Boot's graceful shutdown and a broker's controlled shutdown. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final Path logFile;
    private final HealthCheck health;
    private final String url;
    private Process process;

    /**
     * @param name    short name shown in the table and used for the log file
     * @param command the full command line ({@code java ...})
     * @param workDir the working directory of the child
     * @param logFile where stdout and stderr go (appended across restarts)
     * @param health  how to tell it is ready
     * @param url     what to show the user (a base URL, or bootstrap servers)
     */
    public ManagedProcess(String name, List<String> command, Path workDir, Path logFile, HealthCheck health,
                          String url) {
        this.name = Objects.requireNonNull(name);
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.logFile = logFile;
        this.health = health;
        this.url = url;
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    public String url() {
        return url;
    }

    /** Starts the process unless it is already running. The log file is appended to, so restarts keep history. */
    public synchronized ManagedProcess start() {
        if (isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "%n==== %s starting: %s%n".formatted(Instant.now(),
                    String.join(" ", command)), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            process = builder.start();
            LOG.info("started {} (pid {}), log {}", name, process.pid(), logFile);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Whether the process is running (it may not be healthy yet). */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The operating-system process id of the running process. */
    public synchronized Optional<Long> pid() {
        return isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    /** Whether the health check passes right now. */
    public boolean isHealthy() {
        return isAlive() && health.check();
    }

    /**
     * Waits until the health check passes.
     *
     * @throws IllegalStateException when the process dies first or the time is up (the message names the log file)
     */
    public ManagedProcess awaitHealthy(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited before it was healthy (exit code "
                        + exitCode().map(String::valueOf).orElse("?") + "); see " + logFile + "\n" + tail(30));
            }
            if (health.check()) {
                return this;
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not healthy after " + within + "; see " + logFile + "\n" + tail(30));
    }

    /** Stops gracefully: SIGTERM, then SIGKILL after {@link #DEFAULT_GRACE}. No-op when not running. */
    public void stop() {
        stop(DEFAULT_GRACE);
    }

    /** Stops gracefully: SIGTERM, then SIGKILL after {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop in {}; killing it", name, grace);
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        LOG.info("stopped {}", name);
    }

    /** SIGKILL at once (a crash: no shutdown hooks, no commit, no goodbye), and waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGSTOP: the process stays alive but does nothing (no heartbeats, no commits, no HTTP answers): a hung
     * service, as opposed to a dead one. {@link #thaw()} lets it go on.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (!isAlive()) {
            throw new IllegalStateException(this.name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Graceful stop, then start with the same command. */
    public synchronized ManagedProcess restart() {
        stop();
        return start();
    }

    /** The exit code once it has exited. */
    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** The last lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)");
    }
}
