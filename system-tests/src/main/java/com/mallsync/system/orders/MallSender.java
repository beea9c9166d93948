package com.mallsync.system.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the mall: pushes orders {@code 0..count-1} at a fixed rate (open loop: order i is due at
 * {@code start + i / rate}) and, like the mall, pushes an order again until ingest acknowledges it with 200
 * (503 while the broker is away, connection errors while ingest restarts). Records when each order was first
 * due, for end-to-end latency, and how every attempt ended. An order with later pushes ({@link OrderSource#pushes})
 * gets them one after the other, each some time ({@code later}, ½ to 1½ times) after the previous one was
 * acknowledged, as a mall pushes an order again at each change; a later push is retried the same way.
 *
 * <p>Given several webhook URLs (ingest instances behind a balancer), it spreads the pushes over them: attempt
 * {@code a} of push {@code n} of order {@code i} goes to URL {@code (i + n + a) mod size}, so an order's later
 * pushes and its retries land on another instance than the one before.
 */
public final class MallSender implements AutoCloseable {

    private final List<URI> webhookUrls;
    private final OrderSource orders;
    private final int count;
    private final double ratePerSecond;
    private final Duration giveUpAfter;
    private final HttpClient http;
    private final ExecutorService workers;
    private final Thread scheduler;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> dueAtMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> ackedAtMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();
    private final Map<String, Integer> pushesAcknowledged = new ConcurrentHashMap<>();
    private final Duration later;
    private final ScheduledExecutorService laterPushes = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean stopped;

    /**
     * @param workers     concurrent connections at most
     * @param giveUpAfter how long one order is retried before the sender gives it up (it is then not "sent")
     */
    public MallSender(String webhookUrl, OrderSource orders, int count, double ratePerSecond, int workers,
                      Duration giveUpAfter) {
        this(webhookUrl, orders, count, ratePerSecond, workers, giveUpAfter, Duration.ofSeconds(1));
    }

    /** @param later about how long after one push of an order is acknowledged its next push is sent */
    public MallSender(String webhookUrl, OrderSource orders, int count, double ratePerSecond, int workers,
                      Duration giveUpAfter, Duration later) {
        this(List.of(webhookUrl), orders, count, ratePerSecond, workers, giveUpAfter, later);
    }

    /** @param webhookUrls every ingest instance's webhook, the pushes spread over them */
    public MallSender(List<String> webhookUrls, OrderSource orders, int count, double ratePerSecond, int workers,
                      Duration giveUpAfter, Duration later) {
        if (webhookUrls.isEmpty()) {
            throw new IllegalArgumentException("no webhook URL");
        }
        this.later = later;
        this.webhookUrls = webhookUrls.stream().map(URI::create).toList();
        this.orders = orders;
        this.count = count;
        this.ratePerSecond = ratePerSecond;
        this.giveUpAfter = giveUpAfter;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.workers = Executors.newFixedThreadPool(workers);
        this.scheduler = new Thread(this::schedule, "mall-sender");
        this.scheduler.setDaemon(true);
    }

    public MallSender start() {
        scheduler.start();
        return this;
    }

    private void schedule() {
        long start = System.nanoTime();
        for (int i = 0; i < count && !stopped; i++) {
            long due = start + (long) (i * 1e9 / ratePerSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            dueAtMillis.put(orders.orderNo(index), System.currentTimeMillis());
            workers.submit(() -> push(index, 0));
        }
    }

    private void push(int index, int pushNo) {
        String orderNo = orders.orderNo(index);
        byte[] body = orders.body(index, pushNo);
        boolean storyGoesOn = false;
        long giveUp = System.nanoTime() + giveUpAfter.toNanos();
        long backoffMs = 200;
        int attempt = 0;
        try {
            while (!stopped) {
                String ending;
                URI url = webhookUrls.get((index + pushNo + attempt++) % webhookUrls.size());
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    ending = String.valueOf(response.statusCode());
                    count(ending);
                    if (response.statusCode() == 200) {
                        pushesAcknowledged.put(orderNo, pushNo + 1);
                        if (pushNo == 0) {
                            ackedAtMillis.put(orderNo, System.currentTimeMillis());
                            acknowledged.add(orderNo);
                        }
                        if (pushNo + 1 < orders.pushes(index) && !stopped) {
                            long delay = (long) (later.toMillis() * (0.5 + ThreadLocalRandom.current().nextDouble()));
                            laterPushes.schedule(() -> workers.submit(() -> push(index, pushNo + 1)), delay,
                                    TimeUnit.MILLISECONDS);
                            storyGoesOn = true;
                        }
                        return;
                    }
                    if (response.statusCode() / 100 == 4) {
                        refused.incrementAndGet();
                        return; // a valid order refused: a bug the report shows; retrying would not help
                    }
                } catch (IOException e) {
                    count("connection error");
                }
                if (System.nanoTime() > giveUp) {
                    count("given up");
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(2_000, backoffMs * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!storyGoesOn) {
                finished.incrementAndGet();
            }
        }
    }

    private void count(String ending) {
        endings.computeIfAbsent(ending, e -> new AtomicInteger()).incrementAndGet();
    }

    /** Whether every order was pushed and has its final answer (acknowledged, refused or given up). */
    public boolean done() {
        return finished.get() >= count;
    }

    public int finishedCount() {
        return finished.get();
    }

    /** Waits until {@link #done()}; false when the time ran out first. */
    public boolean awaitDone(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return done();
    }

    /** Order number → how many of its pushes ingest acknowledged (they are acknowledged in order). */
    public Map<String, Integer> pushesAcknowledged() {
        return Map.copyOf(pushesAcknowledged);
    }

    /** Order numbers whose paid push ingest acknowledged with 200: the orders the system owes both targets. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** When each order was due to be pushed (epoch ms): the start of its end-to-end latency. */
    public Map<String, Long> dueAtMillis() {
        return Map.copyOf(dueAtMillis);
    }

    /** Every attempt's ending ({@code 200}, {@code 503}, {@code connection error}, …) with its count. */
    public Map<String, Integer> endings() {
        Map<String, Integer> copy = new TreeMap<>();
        endings.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        stopped = true;
        laterPushes.shutdownNow();
        workers.shutdownNow();
    }
}
