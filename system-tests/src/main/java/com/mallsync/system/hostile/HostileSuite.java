package com.mallsync.system.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import com.mallsync.system.check.LogScan;
import com.mallsync.system.check.TopicReader;
import com.mallsync.system.orders.SignedOrders;

/**
 * Sends every {@link HostileCases hostile case} and the {@link SlowLoris slow-loris} connections to a running
 * ingest service, then checks: no 5xx and nothing but refusals, no record on any topic, the service still
 * healthy, and no line of its log holding the planted full mobile.
 *
 * @param webhookUrl       the ingest endpoint
 * @param healthUrl        ingest's actuator health
 * @param bootstrapServers the broker ingest publishes to
 * @param ingestLog        ingest's log file
 * @param slowLorisWait    how long a slow-loris client holds on
 */
public record HostileSuite(String webhookUrl, String healthUrl, String bootstrapServers, Path ingestLog,
                           Duration slowLorisWait) {

    private static final int CONCURRENCY = 8;

    public HostileReport run(SignedOrders orders, long seed) {
        HostileReport report = new HostileReport();
        List<HostileCase> cases = new HostileCases(orders, seed).all();
        TopicReader topics = new TopicReader(bootstrapServers);
        Map<String, Long> before = recordCounts(topics);
        long logLinesBefore = lines(ingestLog).size();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> sent = cases.stream().<Future<?>>map(c -> pool.submit(() -> send(http, c, report))).toList();
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("hostile run failed", e);
        } finally {
            pool.shutdownNow();
        }

        SlowLoris slowLoris = new SlowLoris(webhookUrl, slowLorisWait);
        ExecutorService prober = Executors.newSingleThreadExecutor();
        try {
            // while the slow connections are open, the service must still answer others
            Future<Boolean> healthyMeanwhile = prober.submit(() -> {
                Thread.sleep(Math.min(3_000, slowLorisWait.toMillis() / 2)); // let the slow connections open first
                return healthy(http);
            });
            for (String ending : slowLoris.run(orders.body(999_999_000), 4)) {
                report.record(Category.SLOW_LORIS, ending);
                if (ending.startsWith("5") || ending.startsWith("2") || ending.startsWith("garbled")) {
                    report.violation("slow-loris connection ended with " + ending);
                }
            }
            if (!healthyMeanwhile.get()) {
                report.violation("ingest did not answer its health check while slow-loris connections were open");
            }
        } catch (Exception e) {
            throw new IllegalStateException("slow-loris run failed", e);
        } finally {
            prober.shutdownNow();
        }

        if (!healthy(http)) {
            report.violation("ingest is not healthy after the hostile run");
        }
        Map<String, Long> after = recordCounts(topics);
        if (!after.equals(before)) {
            report.violation("records appeared on topics: before " + before + ", after " + after);
        }
        report.note("records per topic, unchanged by the run: " + after);
        List<String> newLines = lines(ingestLog);
        long leaking = LogScan.linesContaining(ingestLog, SignedOrders.PLANTED_MOBILE);
        report.note("ingest log " + ingestLog + ": " + (newLines.size() - logLinesBefore)
                + " lines written during the run, " + leaking + " containing the full mobile "
                + SignedOrders.PLANTED_MOBILE);
        if (leaking > 0) {
            report.violation(leaking + " log lines contain the buyer's full mobile " + SignedOrders.PLANTED_MOBILE);
        }
        return report;
    }

    private void send(HttpClient http, HostileCase c, HostileReport report) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            report.record(c.category(), String.valueOf(status));
            if (status < 400 || status >= 500) {
                report.violation("not refused with a 4xx: " + c + " -> " + status);
            }
        } catch (IOException e) {
            report.record(c.category(), "closed");
            // a server may cut an oversize upload short instead of reading it all; anything else must get a reply
            if (c.category() != Category.OVERSIZE) {
                report.violation("no reply: " + c + " -> " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean healthy(HttpClient http) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(healthUrl))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Long> recordCounts(TopicReader topics) {
        Map<String, Long> counts = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : admin.listTopics().names().get()) {
                counts.put(topic, topics.count(topic));
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not count records on the topics", e);
        }
        return counts;
    }

    private static List<String> lines(Path file) {
        try (Stream<String> lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }
}
