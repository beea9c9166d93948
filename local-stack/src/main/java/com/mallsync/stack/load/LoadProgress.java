package com.mallsync.stack.load;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.mallsync.model.event.SyncTarget;

/** A one-line progress bar on a terminal ({@code \r}), refreshed a few times a second. */
final class LoadProgress implements AutoCloseable {

    private static final Set<SyncTarget> TARGETS = EnumSet.allOf(SyncTarget.class);

    private final PrintStream out;
    private final Thread thread;
    private volatile boolean running = true;

    LoadProgress(PrintStream out, int total, AtomicInteger answered, List<String> accepted, OutcomeCollector collector) {
        this.out = out;
        this.thread = new Thread(() -> {
            while (running && out != null) {
                int done = answered.get();
                int bar = (int) (30L * done / total);
                int complete = collector.completed(List.copyOf(accepted), TARGETS);
                out.printf("\r[%s%s] paid pushes sent %d/%d  accepted %d  with outcomes at both %d   ",
                        "#".repeat(bar), ".".repeat(30 - bar), done, total, accepted.size(), complete);
                out.flush();
                LockSupport.parkNanos(250_000_000L);
            }
        }, "load-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void finish() {
        close();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (out != null) {
            out.println();
        }
    }
}
