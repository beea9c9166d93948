package com.mallsync.system.bench;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mallsync.system.sut.SystemUnderTest;
import com.mallsync.system.sut.SystemUnderTest.Part;

/**
 * Samples each service's peak resident set ({@code VmHWM}) and heap in use every two seconds through a whole
 * benchmark and keeps the highest of each; a service started again (new pid) keeps its earlier peak.
 */
public final class MemorySampler implements AutoCloseable {

    /** The highest figures seen for one service, in bytes (-1: never read). */
    public record Peak(long rssBytes, long heapBytes) {
    }

    private final SystemUnderTest system;
    private final List<Part> parts;
    private final Map<Part, long[]> peaks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "memory-sampler");
        t.setDaemon(true);
        return t;
    });

    public MemorySampler(SystemUnderTest system, List<Part> parts) {
        this.system = system;
        this.parts = List.copyOf(parts);
        parts.forEach(p -> peaks.put(p, new long[] {-1, -1}));
        timer.scheduleWithFixedDelay(this::sample, 0, 2, TimeUnit.SECONDS);
    }

    public void sample() {
        for (Part part : parts) {
            system.pid(part).ifPresent(pid -> {
                OptionalLong rss = ProcessMemory.statusField(pid, "VmHWM");
                OptionalLong heap = ProcessMemory.heapUsed(system.url(part), pid);
                long[] peak = peaks.get(part);
                synchronized (peak) {
                    rss.ifPresent(v -> peak[0] = Math.max(peak[0], v));
                    heap.ifPresent(v -> peak[1] = Math.max(peak[1], v));
                }
            });
        }
    }

    public Peak peak(Part part) {
        long[] peak = peaks.get(part);
        synchronized (peak) {
            return new Peak(peak[0], peak[1]);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
