package com.mallsync.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a poll loop stops. The loop reports {@link #running()} once it polls, {@link #stopped()} on an
 * orderly stop, {@link #failed} when it ended any other way. A failure turns readiness down at once (the listener:
 * the service publishes {@code ReadinessState.REFUSING_TRAFFIC} and its {@code consumerLoop} health goes DOWN), and
 * after {@code exitAfter} the process exits with status 1, so a supervisor (compose {@code restart:}, systemd,
 * Kubernetes) starts it again.
 *
 * <p>Why exit rather than restart the loop in process: every failure a record or a commit can cause is handled
 * inside the loop (poison records are REJECTED, commits that fail are retried later), so what still ends it is fatal
 * to the consumer (a fenced {@code group.instance.id}, an authorization error) or a bug; a fresh process is the clean
 * state for both, and nothing is lost: offsets never pass a record whose outcome is not published. The delay lets
 * the readiness change be seen and the logs be flushed. Thread-safe.
 */
public final class LoopWatch {

    /** Where a loop is. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }

    /** The process's exit status after a failure. */
    public static final int EXIT_STATUS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(LoopWatch.class);

    private final String name;
    private final Duration exitAfter;
    private final IntConsumer exit;
    private final Consumer<State> listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private volatile Throwable cause;

    /**
     * @param exitAfter how long after a failure the process exits; {@code null} or negative: never (tests)
     * @param exit      what exits the process (e.g. {@code SpringApplication.exit} then {@code System.exit})
     * @param listener  told every change of state, on the thread that caused it
     */
    public LoopWatch(String name, Duration exitAfter, IntConsumer exit, Consumer<State> listener) {
        this.name = name;
        this.exitAfter = exitAfter;
        this.exit = exit;
        this.listener = listener;
    }

    public void running() {
        move(State.RUNNING);
    }

    public void stopped() {
        move(State.STOPPED);
    }

    /** The loop ended on its own: readiness down now, exit later. Only the first failure counts. */
    public void failed(Throwable why) {
        if (state.getAndSet(State.FAILED) == State.FAILED) {
            return;
        }
        cause = why;
        LOG.error("{} stopped unexpectedly; readiness is DOWN{}", name, exitAfter == null || exitAfter.isNegative()
                ? " (exit disabled)" : " and the process exits with status " + EXIT_STATUS + " in " + exitAfter, why);
        listener.accept(State.FAILED);
        if (exitAfter == null || exitAfter.isNegative()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(exitAfter.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.error("{} did not recover: exiting with status {} so the supervisor restarts the service", name,
                    EXIT_STATUS);
            exit.accept(EXIT_STATUS);
        }, name + "-exit");
        t.setDaemon(false); // the exit must happen even if nothing else keeps the JVM alive
        t.start();
    }

    private void move(State next) {
        State before = state.getAndUpdate(s -> s == State.FAILED ? s : next);
        if (before != State.FAILED && before != next) {
            listener.accept(next);
        }
    }

    public State state() {
        return state.get();
    }

    /** True while the loop is starting or running: what readiness reports. */
    public boolean healthy() {
        State s = state.get();
        return s == State.STARTING || s == State.RUNNING;
    }

    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    public String name() {
        return name;
    }
}
