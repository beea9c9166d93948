package com.mallsync.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mallsync.stack.process.ManagedProcess;

/**
 * Children left behind by a launcher that was itself killed with SIGKILL (no shutdown hook ran). Their pids are
 * written to {@code <data>/pids}; the next start stops those that are still ours: alive and carrying this stack's
 * marker ({@code -Dmallsync.stack.home=<data>}) or data folder on their command line, so a reused pid is never
 * touched.
 */
final class Orphans {

    static final String MARKER = "mallsync.stack.home";
    private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);

    private Orphans() {
    }

    static synchronized void record(Path dataDir, ManagedProcess process) {
        process.pid().ifPresent(pid -> {
            try {
                Files.createDirectories(dataDir);
                Files.writeString(dataDir.resolve("pids"), pid + " " + process.name() + System.lineSeparator(),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static synchronized void reap(Path dataDir) {
        Path pids = dataDir.resolve("pids");
        if (!Files.exists(pids)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pids);
            for (String line : lines) {
                String[] parts = line.trim().split(" ", 2);
                if (parts[0].isEmpty()) {
                    continue;
                }
                ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().commandLine().map(c -> c.contains(dataDir.toString())).orElse(false))
                        .ifPresent(h -> {
                            LOG.warn("stopping {} (pid {}) left over from an earlier run", parts[1], h.pid());
                            h.destroy();
                            h.onExit().completeOnTimeout(h, 20, TimeUnit.SECONDS).join();
                            if (h.isAlive()) {
                                h.destroyForcibly();
                            }
                        });
            }
            Files.delete(pids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void clear(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve("pids"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
