package com.mallsync.system.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mallsync.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Memory of a running service: resident set from {@code /proc/<pid>/status} ({@code VmHWM} is the peak since the
 * process started, {@code VmRSS} now), heap in use from the actuator's {@code jvm.memory.used} (area heap), or
 * from {@code jcmd <pid> GC.heap_info} when the actuator does not expose metrics.
 */
public final class ProcessMemory {

    private static final Pattern KB_LINE = Pattern.compile("^(\\w+):\\s+(\\d+) kB", Pattern.MULTILINE);
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)",
            Pattern.MULTILINE);
    private static final Pattern USED_K = Pattern.compile("used (\\d+)K");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ProcessMemory() {
    }

    /** A {@code kB} field of {@code /proc/<pid>/status}, in bytes. */
    public static OptionalLong statusField(long pid, String field) {
        try {
            return statusField(Files.readString(Path.of("/proc", String.valueOf(pid), "status")), field);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong statusField(String status, String field) {
        Matcher m = KB_LINE.matcher(status);
        while (m.find()) {
            if (m.group(1).equals(field)) {
                return OptionalLong.of(Long.parseLong(m.group(2)) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    /** Heap bytes in use, from the actuator or else jcmd. */
    public static OptionalLong heapUsed(String baseUrl, long pid) {
        OptionalLong fromActuator = heapFromActuator(baseUrl);
        return fromActuator.isPresent() ? fromActuator : heapFromJcmd(pid);
    }

    static OptionalLong heapFromActuator(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return OptionalLong.empty();
            }
            return actuatorValue(r.body());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    static OptionalLong actuatorValue(String metricJson) {
        for (JsonNode m : Json.tree(metricJson).path("measurements")) {
            if (m.path("statistic").asString().equals("VALUE")) {
                return OptionalLong.of((long) m.path("value").asDouble());
            }
        }
        return OptionalLong.empty();
    }

    /** {@code jcmd <pid> GC.run}: a full collection, so the heap read next is what the process really holds. */
    public static boolean fullGc(long pid) {
        return jcmd(pid, "GC.run").isPresent();
    }

    /** The {@code top} classes by bytes of {@code jcmd <pid> GC.class_histogram}, e.g. "1,234 KiB java.lang.String". */
    public static List<String> topClasses(long pid, int top) {
        return jcmd(pid, "GC.class_histogram").map(out -> histogramTop(out, top)).orElse(List.of());
    }

    /** Parses the histogram's rows ({@code num: instances bytes class}), biggest first as jcmd lists them. */
    static List<String> histogramTop(String histogram, int top) {
        List<String> rows = new ArrayList<>();
        Matcher m = HISTOGRAM_ROW.matcher(histogram);
        while (m.find() && rows.size() < top) {
            rows.add(String.format(Locale.ROOT, "%,d KiB %s (%,d)", Long.parseLong(m.group(2)) / 1024, m.group(3),
                    Long.parseLong(m.group(1))));
        }
        return rows;
    }

    private static Optional<String> jcmd(long pid, String command) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static OptionalLong heapFromJcmd(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(20, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return OptionalLong.empty();
            }
            return jcmdHeapUsed(out);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Sums "used NK" of the heap's lines (generations or regions), leaving out Metaspace and class space. */
    static OptionalLong jcmdHeapUsed(String heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space") || !trimmed.contains("total")) {
                continue;
            }
            Matcher m = USED_K.matcher(trimmed);
            if (m.find()) {
                used += Long.parseLong(m.group(1)) * 1024;
                found = true;
            }
        }
        return found ? OptionalLong.of(used) : OptionalLong.empty();
    }
}
