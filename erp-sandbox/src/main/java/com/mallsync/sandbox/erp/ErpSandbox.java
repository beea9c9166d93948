package com.mallsync.sandbox.erp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the Yihua ERP's {@code POST /Mall/Erp/ErpService.svc/TradeTransferToErp}, plus an admin API under
 * {@code /sandbox/} that stays up while the business endpoint is "down". Start one in-process with
 * {@link #start(int, String, String)}; {@link ErpSandboxMain} runs it standalone.
 */
public final class ErpSandbox implements AutoCloseable {

    /** The business endpoint's path (contract, from the seed). */
    public static final String PATH = "/Mall/Erp/ErpService.svc/TradeTransferToErp";
    public static final String DEFAULT_PLATFORM_ID = "YHDT-DEMO";
    public static final String DEFAULT_USER_ACCESS_TOKEN = "demo-erp-token";

    private static final Logger LOG = LoggerFactory.getLogger(ErpSandbox.class);

    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK adds ~40 ms to
        // every reply. Read once, when the JDK's server config class loads, so it must be set before any server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    /** First OuterTradeID handed out; the seed's reply example is of this shape ("6359657698853654528"). */
    private static final long FIRST_OUTER_TRADE_ID = 6_359_657_698_853_654_528L;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final List<StoredOrder> stored = new ArrayList<>();
    /** UID + OuterID → TH of every distinct order (sales and returns share the OuterID space). */
    private final Map<String, Integer> distinct = new ConcurrentHashMap<>();
    /** UID + TradeID → the sale (TH 0) first stored with it. */
    private final Map<String, StoredOrder> sales = new ConcurrentHashMap<>();
    /** UID + TradeID → the returns (TH 1) stored for that sale, in order. */
    private final Map<String, List<StoredOrder>> returns = new ConcurrentHashMap<>();
    private final AtomicLong nextOuterTradeId = new AtomicLong(FIRST_OUTER_TRADE_ID);
    final AtomicLong requests = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong faultReplies = new AtomicLong();

    private ErpSandbox(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Where the sandbox listens: 127.0.0.1 unless {@code SANDBOX_BIND} (or {@code -Dsandbox.bind}, which
     * {@code --bind=} sets) names another address; its fault switches and stored buyer data are for this machine.
     */
    static InetAddress bindAddress() {
        String bind = System.getProperty("sandbox.bind", System.getenv("SANDBOX_BIND"));
        try {
            return bind == null || bind.isBlank() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("SANDBOX_BIND: unknown address " + bind, e);
        }
    }

    /**
     * Starts a sandbox on {@code port} (0 = any free port) accepting exactly these credentials.
     */
    public static ErpSandbox start(int port, String platformId, String userAccessToken) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress(), port), 256);
            // Threads, not a small pool: injected latency and timeouts sleep in them.
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "erp-sandbox-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            ErpSandbox sandbox = new ErpSandbox(server, executor);
            server.createContext(PATH, new TradeHandler(sandbox, new TradeCheck(platformId, userAccessToken)));
            server.createContext("/sandbox/", new AdminHandler(sandbox));
            server.start();
            LOG.info("ERP sandbox listening on {}", sandbox.baseUrl());
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the ERP sandbox on port " + port, e);
        }
    }

    /** Starts one with the demo credentials ({@value #DEFAULT_PLATFORM_ID}, {@value #DEFAULT_USER_ACCESS_TOKEN}). */
    public static ErpSandbox start(int port) {
        return start(port, DEFAULT_PLATFORM_ID, DEFAULT_USER_ACCESS_TOKEN);
    }

    /** {@code http://localhost:port}, to which the business path and {@code /sandbox/...} are appended. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults.get();
    }

    public void setFaults(Faults value) {
        faults.set(value == null ? Faults.NONE : value);
        LOG.info("ERP sandbox faults now {}", faults.get());
    }

    /** Every creation so far, in order (an order created twice appears twice). */
    public synchronized List<StoredOrder> orders() {
        return List.copyOf(stored);
    }

    public synchronized Stats stats() {
        long creations = stored.size();
        long orders = distinct.size();
        long returnsHeld = distinct.values().stream().filter(th -> th == 1).count();
        return new Stats(requests.get(), orders, creations, creations - orders, 0, rejected.get(),
                faultReplies.get(), orders - returnsHeld, returnsHeld);
    }

    /** Forgets every order and counter and clears the faults. */
    public synchronized void reset() {
        stored.clear();
        distinct.clear();
        sales.clear();
        returns.clear();
        requests.set(0);
        rejected.set(0);
        faultReplies.set(0);
        faults.set(Faults.NONE);
    }

    /**
     * Stores the order; {@code null} (nothing stored) when {@code refuseDuplicate} and the order exists. A return
     * (TH 1) is kept apart from the sales and linked to the sale of its UID + TradeID ({@link ReturnCheck}).
     *
     * @throws CheckFailure when a return has no sale, or returns more than its sale less the earlier returns
     */
    synchronized StoredOrder create(TradeRequest request, boolean refuseDuplicate) {
        String outerId = request.master().get("OuterID");
        String key = request.uid() + "|" + outerId;
        if (refuseDuplicate && distinct.containsKey(key)) {
            return null;
        }
        String saleKey = null;
        if (request.th() == 1) {
            saleKey = request.uid() + "|" + ReturnCheck.tradeId(request);
            ReturnCheck.check(request, sales.get(saleKey), returns.getOrDefault(saleKey, List.of()));
        }
        StoredOrder order = new StoredOrder(Long.toString(nextOuterTradeId.getAndIncrement()), request.uid(), outerId,
                request.storedProcedureName(), request.th(), request.audit(), request.master(), request.details(),
                request.pays(), Instant.now());
        stored.add(order);
        if (saleKey != null) {
            returns.computeIfAbsent(saleKey, k -> new ArrayList<>()).add(order);
        } else {
            String tradeId = request.master().get("TradeID");
            if (tradeId != null && !tradeId.isBlank()) {
                sales.putIfAbsent(request.uid() + "|" + tradeId, order);
            }
        }
        if (distinct.putIfAbsent(key, request.th()) != null) {
            LOG.warn("order {} of UID {} created AGAIN as {}", outerId, request.uid(), order.outerTradeId());
        }
        return order;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
