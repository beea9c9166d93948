package com.mallsync.ingest.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import com.mallsync.ingest.Pushes;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of the webhook, printed, not asserted (timings on a shared 2-core machine are not a test).
 *
 * <p>Starts a local broker in this JVM and the packaged ingest jar as a child process with {@code -Xmx256m}, posts
 * signed seed-shaped orders with distinct order numbers at 8, 32 and 64 concurrent connections (JDK HttpClient),
 * then measures the raw Kafka producer on the same broker with the same record size and the same producer settings.
 * Run: {@code ./mvnw -B -o -pl ingest-service -am verify -Pbench} (see the module README for knobs).
 */
public class IngestBenchmark {

    private static final String SECRET = "bench-secret-222";
    private static final String RAW_TOPIC = Topics.ORDERS_PAID + ".raw-bench";

    private final Duration run = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private final Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 20));
    private final int[] levels = Arrays.stream(System.getProperty("bench.connections", "8,32,64").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private final String heap = System.getProperty("bench.heap", "256m");

    public static void main(String[] args) throws Exception {
        new IngestBenchmark().benchmark();
    }

    @Test
    void benchmark() throws Exception {
        File jar = new File(System.getProperty("bench.jar", "target/ingest-service-0.1.0-SNAPSHOT.jar"));
        if (!jar.isFile()) {
            throw new IllegalStateException("build the jar first (./mvnw -pl ingest-service -am package): " + jar);
        }
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            broker.createTopics(3, Topics.ORDERS_PAID, RAW_TOPIC);
            int port = freePort();
            Process ingest = startIngest(jar, port, broker.bootstrapServers());
            try {
                String base = "http://localhost:" + port;
                awaitHealthy(base);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                AtomicLong orderSeq = new AtomicLong();
                System.out.printf("%nwarming up for %d s at 32 connections...%n", warmUp.toSeconds());
                load(http, base, 32, warmUp, orderSeq, null);

                List<String> rows = new ArrayList<>();
                for (int connections : levels) {
                    LongAccumulator peakHeap = new LongAccumulator(Math::max, 0);
                    Thread sampler = heapSampler(http, base, peakHeap);
                    long ingestCpu0 = cpuNanos(ingest);
                    long ownCpu0 = ownCpuNanos();
                    Result result = load(http, base, connections, run, orderSeq, peakHeap);
                    double ingestCpuMs = (cpuNanos(ingest) - ingestCpu0) / 1e6 / Math.max(1, result.ok);
                    double ownCpuMs = (ownCpuNanos() - ownCpu0) / 1e6 / Math.max(1, result.ok);
                    sampler.interrupt();
                    rows.add(String.format("%-12d %12.0f %10.1f %10.1f %10.1f %8d %8d %12.0f %14.3f %14.3f",
                            connections, result.perSecond(), result.percentile(50), result.percentile(99),
                            result.percentile(99.9), result.errors, result.non200, peakHeap.get() / 1e6, ingestCpuMs,
                            ownCpuMs));
                }
                double accepted = metric(http, base, "ingest.orders.accepted", null);
                long heapMax = (long) metric(http, base, "jvm.memory.max", "area:heap");
                int recordSize = recordSize();
                double raw = rawProducer(broker.bootstrapServers(), recordSize);

                System.out.println();
                System.out.println("=== ingest-service benchmark (" + run.toSeconds() + " s per level, ingest -Xmx" + heap
                        + ", " + Runtime.getRuntime().availableProcessors() + " CPUs shared with the broker and the "
                        + "load generator; host load at start " + String.format("%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + ") ===");
                System.out.printf("%-12s %12s %10s %10s %10s %8s %8s %12s %14s %14s%n", "connections", "accepted/s",
                        "p50 ms", "p99 ms", "p99.9 ms", "errors", "non-200", "peak heap MB", "ingest CPU ms",
                        "load+broker ms");
                rows.forEach(System.out::println);
                System.out.printf("raw KafkaProducer, same settings, %d-byte records, same broker: %.0f records/s%n",
                        recordSize, raw);
                System.out.println("(CPU ms = CPU time per accepted push: of the ingest process, and of this JVM, "
                        + "which runs the load generator and the broker)");
                System.out.printf("ingest.orders.accepted counter: %.0f (client saw %d posts); heap max %d MB%n",
                        accepted, orderSeq.get(), heapMax / 1_000_000);
                System.out.println();
            } finally {
                ingest.destroy();
                ingest.waitFor();
            }
        }
    }

    private Process startIngest(File jar, int port, String bootstrap) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap));
        String jvmArgs = System.getProperty("bench.ingest.jvmargs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.getAbsolutePath(), "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--ingest.malls.222.secret=" + SECRET));
        String extra = System.getProperty("bench.ingest.args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        File log = new File(jar.getParentFile(), "bench-ingest.log");
        System.out.println("starting " + String.join(" ", command) + " (log: " + log + ")");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void awaitHealthy(String base) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("ingest did not become healthy");
    }

    /** {@code connections} threads, each posting one order after another for {@code duration}. */
    private static Result load(HttpClient http, String base, int connections, Duration duration, AtomicLong orderSeq,
                               LongAccumulator unused) throws InterruptedException {
        URI uri = URI.create(base + "/webhooks/mall/orders");
        String template = Seeds.mallOrderPush();
        long end = System.nanoTime() + duration.toNanos();
        List<long[][]> holders = new ArrayList<>();
        long[] counts = new long[connections];
        AtomicLong errors = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            long[][] mine = {new long[16_384]};
            holders.add(mine);
            int index = t;
            Thread worker = new Thread(() -> {
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        String orderNo = "BENCH" + orderSeq.incrementAndGet();
                        byte[] body = Pushes.sign(Pushes.withOrderNo(template, orderNo), SECRET)
                                .getBytes(StandardCharsets.UTF_8);
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (n == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], n * 2);
                            }
                            mine[0][n++] = System.nanoTime() - t0;
                            if (r.statusCode() != 200) {
                                non200.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    counts[index] = n;
                    done.countDown();
                }
            }, "bench-" + t);
            worker.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = (int) Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(holders.get(t)[0], 0, all, at, (int) counts[t]);
            at += (int) counts[t];
        }
        Arrays.sort(all);
        return new Result(all, total - non200.get(), seconds, errors.get(), non200.get());
    }

    private static Thread heapSampler(HttpClient http, String base, LongAccumulator peak) {
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulate((long) metric(http, base, "jvm.memory.used", "area:heap"));
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a missed sample
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }

    private static double metric(HttpClient http, String base, String name, String tag) {
        try {
            String url = base + "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.tree(r.body()).get("measurements").get(0).get("value").asDouble();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The size of the value ingest publishes for a seed-shaped order. */
    private static int recordSize() {
        String push = Pushes.signedSeedWithOrderNo("BENCH1", SECRET);
        return Json.write(OrderPaidMapping.toOrderPaid(Json.read(push, MallOrderPush.class), push,
                java.time.Instant.now())).length;
    }

    /** The raw producer, with the settings ingest forces (acks=all, idempotent, lz4, linger 1 ms), sending flat out. */
    private double rawProducer(String bootstrap, int recordSize) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // a real order's bytes, so compression sees what it would see from ingest
        String push = Pushes.signedSeedWithOrderNo("RAW", SECRET);
        byte[] value = Json.write(OrderPaidMapping.toOrderPaid(Json.read(push, MallOrderPush.class), push,
                java.time.Instant.now()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            long end = System.nanoTime() + run.toNanos();
            long start = System.nanoTime();
            long sent = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, "222:RAW" + sent, value));
                sent++;
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (value.length != recordSize) {
                System.out.println("(raw record " + value.length + " bytes vs ingest's " + recordSize + ")");
            }
            return sent / seconds;
        }
    }

    /** CPU time the child process used so far (all its threads). */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static long ownCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(long[] sortedNanos, long ok, double seconds, long errors, long non200) {

        double perSecond() {
            return ok / seconds;
        }

        double percentile(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }
}
