package com.mallsync.system.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.mallsync.system.orders.FastSignedOrders;

/**
 * Closed-loop load on the ingest endpoint: {@code connections} clients, each posting its next distinct signed order
 * as soon as the previous one is answered, for a warm-up and then a measured period.
 *
 * @param accepted         200 answers in the measured period
 * @param acceptedPerSecond accepted per second over the measured period
 * @param latencyMs        latency percentiles of the accepted requests in the measured period
 * @param otherAnswers     every non-200 ending, with its count (should be empty)
 */
public record IngestLoad(int connections, long accepted, double acceptedPerSecond, Percentiles latencyMs,
                         Map<String, Integer> otherAnswers) {

    /**
     * @param nextIndex the first order index to use; advanced past every order sent, so runs never repeat orders
     */
    public static IngestLoad run(String webhookUrl, FastSignedOrders orders, AtomicInteger nextIndex, int connections,
                                 Duration warmUp, Duration measured) throws InterruptedException {
        URI uri = URI.create(webhookUrl);
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        AtomicLong accepted = new AtomicLong();
        Map<String, AtomicInteger> other = new ConcurrentHashMap<>();
        List<long[]> perClient = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            long[][] slot = new long[1][];
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Thread client = new Thread(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                try {
                    while (System.nanoTime() < measureTo) {
                        int index = nextIndex.getAndIncrement();
                        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(orders.body(index))).build();
                        long t0 = System.nanoTime();
                        String ending;
                        try {
                            ending = String.valueOf(http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode());
                        } catch (IOException e) {
                            ending = "connection error";
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= measureTo) {
                            if (ending.equals("200")) {
                                accepted.incrementAndGet();
                                if (n == latencies.length) {
                                    latencies = java.util.Arrays.copyOf(latencies, n * 2);
                                }
                                latencies[n++] = t1 - t0;
                            } else {
                                other.computeIfAbsent(ending, k -> new AtomicInteger()).incrementAndGet();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slot[0] = java.util.Arrays.copyOf(latencies, n);
                    synchronized (perClient) {
                        perClient.add(slot[0]);
                    }
                    done.countDown();
                }
            }, "ingest-load-" + c);
            client.setDaemon(true);
            client.start();
        }
        done.await();
        long[] all = perClient.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        Map<String, Integer> others = new TreeMap<>();
        other.forEach((k, v) -> others.put(k, v.get()));
        return new IngestLoad(connections, accepted.get(), accepted.get() / (measured.toNanos() / 1e9),
                Percentiles.of(all).scaled(1e6), others);
    }
}
