package com.mallsync.system.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a benchmark ran on, for the record next to its figures. */
public record Machine(int cpus, String cpuModel, long memoryBytes, String jdk, String os) {

    public static Machine here() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                procField("/proc/cpuinfo", "model name").orElse("unknown"),
                procField("/proc/meminfo", "MemTotal").map(v -> Long.parseLong(v.replace("kB", "").trim()) * 1024)
                        .orElse(-1L),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    static Optional<String> procField(String file, String field) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(field))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String describe() {
        return String.format("%d CPUs (%s), %.1f GiB memory, %s, %s", cpus, cpuModel,
                memoryBytes / (1024.0 * 1024 * 1024), jdk, os);
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute load: how busy the machine was with other work too. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** What {@code uptime} prints (the load averages, and how long the machine has run), else the load average. */
    public static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "load average " + loadAverage();
        } catch (IOException e) {
            return "load average " + loadAverage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "load average " + loadAverage();
        }
    }
}
