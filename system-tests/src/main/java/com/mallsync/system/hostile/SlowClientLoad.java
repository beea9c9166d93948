package com.mallsync.system.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Many slow-loris clients at once while valid pushes keep coming (issue 14: 300 connections, every valid push
 * answered within 1 s). Each slow client trickles one byte every {@code dripEvery}, half of them inside the
 * headers, half inside the body (headers complete, {@code Content-Length} announced); when the server cuts one,
 * it reconnects at once, as an attacker would, so the number open stays near the target. Meanwhile one client
 * posts a valid signed push every {@code pushEvery} and times each answer.
 */
public final class SlowClientLoad {

    /** Where the slow bytes go. */
    public enum Mode { DRIP_HEADERS, DRIP_BODY }

    /**
     * @param openAtOnce       the most slow connections open at the same moment
     * @param openWhenPushed   the fewest slow connections open when a valid push was sent
     * @param opened           slow connections opened (reconnections included), per mode
     * @param endings          how the slow connections ended, per mode: a status the server answered
     *                         ({@code 408}), {@code closed} (cut without a reply), {@code held} (still open at the end)
     * @param latenciesMs      each valid push's answer time, in order
     * @param validStatuses    the valid pushes' answers ({@code 200}, or {@code failed: ...})
     */
    public record Result(int openAtOnce, int openWhenPushed, Map<Mode, Integer> opened,
                         Map<String, Long> endings, List<Double> latenciesMs, Map<String, Long> validStatuses) {

        public double percentile(double p) {
            List<Double> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        public String text() {
            return String.format("slow clients: %d open at once (at least %d open whenever a valid push was sent), "
                    + "opened %s, endings %s%nvalid pushes: %d, answers %s, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    openAtOnce, openWhenPushed, opened, endings, latenciesMs.size(), validStatuses,
                    percentile(50), percentile(99), percentile(100));
        }
    }

    private final URI endpoint;
    private final Duration dripEvery;

    public SlowClientLoad(String webhookUrl, Duration dripEvery) {
        this.endpoint = URI.create(webhookUrl);
        this.dripEvery = dripEvery;
    }

    /**
     * @param connections slow connections to keep open (half per mode)
     * @param duration    how long the run lasts after they are all open
     * @param pushEvery   the gap between valid pushes
     * @param validBody   the {@code i}-th valid signed push
     */
    public Result run(int connections, Duration duration, Duration pushEvery, IntFunction<byte[]> validBody,
                      byte[] slowBody) throws InterruptedException {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        Map<Mode, LongAdder> opened = new ConcurrentHashMap<>();
        Map<String, LongAdder> endings = new ConcurrentHashMap<>();
        long runEnd = System.nanoTime() + duration.toNanos() + TimeUnit.SECONDS.toNanos(30);
        AtomicInteger stop = new AtomicInteger();
        ExecutorService slow = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Mode mode = i % 2 == 0 ? Mode.DRIP_HEADERS : Mode.DRIP_BODY;
            workers.add(slow.submit(() -> {
                while (stop.get() == 0 && System.nanoTime() < runEnd) {
                    opened.computeIfAbsent(mode, m -> new LongAdder()).increment();
                    String ending = one(mode, slowBody, open, maxOpen, stop);
                    endings.computeIfAbsent(mode + " " + ending, e -> new LongAdder()).increment();
                }
            }));
        }
        long waitOpen = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (open.get() < connections && System.nanoTime() < waitOpen) {
            Thread.sleep(50);
        }
        List<Double> latencies = new ArrayList<>();
        Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        int fewestOpen = Integer.MAX_VALUE;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + duration.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            fewestOpen = Math.min(fewestOpen, open.get());
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(validBody.apply(i))).build();
            long start = System.nanoTime();
            String status;
            try {
                status = String.valueOf(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                status = "failed: " + e.getClass().getSimpleName();
            }
            latencies.add((System.nanoTime() - start) / 1e6);
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            Thread.sleep(pushEvery.toMillis());
        }
        stop.set(1);
        slow.shutdown();
        slow.awaitTermination(dripEvery.toMillis() * 3 + 10_000, TimeUnit.MILLISECONDS);
        slow.shutdownNow();
        Map<Mode, Integer> openedCounts = new java.util.EnumMap<>(Mode.class);
        opened.forEach((m, n) -> openedCounts.put(m, n.intValue()));
        return new Result(maxOpen.get(), fewestOpen == Integer.MAX_VALUE ? 0 : fewestOpen, openedCounts,
                sum(endings), latencies, sum(statuses));
    }

    private static Map<String, Long> sum(Map<String, LongAdder> counts) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** One slow connection, until the server ends it or the run stops: its ending. */
    String one(Mode mode, byte[] body, AtomicInteger open, AtomicInteger maxOpen, AtomicInteger stop) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                return drip(socket, mode, body, stop);
            } finally {
                open.decrementAndGet();
            }
        } catch (IOException e) {
            return "closed";
        }
    }

    private String drip(Socket socket, Mode mode, byte[] body, AtomicInteger stop) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] head = ("POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":"
                + endpoint.getPort() + "\r\nContent-Type: application/json\r\nX-Padding: "
                + "x".repeat(4_000) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] trickle;
        if (mode == Mode.DRIP_HEADERS) {
            out.write(head, 0, 40);
            trickle = java.util.Arrays.copyOfRange(head, 40, head.length);
        } else {
            out.write(head);
            out.write(body, 0, 10);
            trickle = java.util.Arrays.copyOfRange(body, 10, body.length - 1);
        }
        out.flush();
        socket.setSoTimeout((int) dripEvery.toMillis());
        int sent = 0;
        while (stop.get() == 0) {
            try {
                int first = in.read();
                return first < 0 ? "closed" : status(first, in);
            } catch (SocketTimeoutException quiet) {
                if (sent < trickle.length) {
                    try {
                        out.write(trickle[sent++]);
                        out.flush();
                    } catch (IOException cut) {
                        return "closed";
                    }
                }
            }
        }
        return "held";
    }

    private static String status(int first, InputStream in) throws IOException {
        StringBuilder line = new StringBuilder().append((char) first);
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ");
        return parts.length >= 2 && parts[1].matches("\\d{3}") ? parts[1] : "garbled";
    }
}
