package com.mallsync.sandbox.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A faithful stand-in for the EZR CRM's 2030 API ({@code POST /api/morder/thirdOrdAdd}) with an admin API under
 * {@code /sandbox/}. Start it in-process with {@link #start}, or from the command line with {@link CrmSandboxMain}.
 */
public final class CrmSandbox implements AutoCloseable {

    /** Path of the business endpoint (contract). */
    public static final String PATH = "/api/morder/thirdOrdAdd";
    /** StatusCode of the reply refusing a batch because Code(s) were already stored for its ShopCode. */
    public static final int DUPLICATE_STATUS_CODE = 409;
    /** Msg of that reply, followed by the duplicate Codes separated by commas. */
    public static final String DUPLICATE_MSG_PREFIX = "订单编号重复 (duplicate Code): ";

    private static final Logger LOG = LoggerFactory.getLogger(CrmSandbox.class);

    static {
        // Without TCP_NODELAY the JDK server's separate header/body writes meet the client's delayed ACK: ~40 ms
        // added to every reply, which would swamp any latency the sandbox is asked to play. Read once per JVM, when
        // the first JDK HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    final Counters counters = new Counters();
    private final AtomicReference<CrmFaults> faults = new AtomicReference<>(CrmFaults.NONE);
    private final Map<String, StoredOrder> orders = new ConcurrentHashMap<>();
    /** A sale's returns, by the sale's key; written under {@link #storeLock}. */
    private final Map<String, List<StoredOrder>> returnsBySale = new ConcurrentHashMap<>();
    private final Object storeLock = new Object();
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final OrderRules rules;

    private CrmSandbox(int port, String appId, String token, Clock clock) {
        this.clock = clock;
        try {
            this.server = HttpServer.create(new InetSocketAddress(bindAddress(), port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        // A thread per request (bounded by the clients): latency and timeouts must not serialise requests.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "crm-sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        this.rules = new OrderRules(clock);
        server.createContext(PATH, new ThirdOrdAddHandler(this, appId, token, clock, rules));
        server.createContext("/sandbox/", new AdminHandler(this));
        server.start();
        LOG.info("CRM 2030 sandbox listening at {} (AppId {})", baseUrl(), appId);
    }

    /** Starts a sandbox on {@code port} (0 = any free port) that accepts these credentials. */
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

    public static CrmSandbox start(int port, String appId, String token) {
        return new CrmSandbox(port, appId, token, Clock.systemUTC());
    }

    /** As {@link #start(int, String, String)}, with the clock the one-year and timestamp rules read. */
    public static CrmSandbox start(int port, String appId, String token, Clock clock) {
        return new CrmSandbox(port, appId, token, clock);
    }

    /** {@code http://localhost:port}, without a trailing slash. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Whether PayAmount must equal Σ Dtls.Amount (default true: freight left out of 2030 or sent as a row, as
     * member-sync does); false for a shop whose PayAmount includes freight the rows do not list.
     */
    public void payAmountIsRows(boolean value) {
        rules.payAmountIsRows(value);
        LOG.info("PayAmount must equal the rows' sum: {}", value);
    }

    public CrmFaults faults() {
        return faults.get();
    }

    public CrmFaults setFaults(CrmFaults value) {
        faults.set(value);
        LOG.info("faults now {}", value);
        return value;
    }

    /** What was stored, oldest first. */
    public List<StoredOrder> orders() {
        List<StoredOrder> list = new ArrayList<>(orders.values());
        list.sort(Comparator.comparing(StoredOrder::requestNo).thenComparing(StoredOrder::code));
        return list;
    }

    public CrmStats stats() {
        List<StoredOrder> stored = new ArrayList<>(orders.values());
        long distinct = stored.size();
        long returns = stored.stream().filter(StoredOrder::isReturn).count();
        long creations = counters.creations.get();
        return new CrmStats(counters.requests.get(), distinct, creations, creations - distinct,
                counters.duplicateReplies.get(), counters.rejected.get(), counters.faultReplies.get(),
                distinct - returns, returns);
    }

    /** Clears the stored orders, the counters and the faults. */
    public void reset() {
        synchronized (storeLock) {
            orders.clear();
            returnsBySale.clear();
            counters.reset();
        }
        faults.set(CrmFaults.NONE);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@link #storeAllOrNone} did. */
    sealed interface Stored permits Stored.All, Stored.Duplicates, Stored.Refused {
        /** Every order of the batch is stored. */
        record All() implements Stored {
        }

        /** Nothing stored: these Codes are stored already (a repeat). */
        record Duplicates(List<String> codes) implements Stored {
        }

        /** Nothing stored: a return breaks {@link ReturnRules}. */
        record Refused(String msg) implements Stored {
        }
    }

    /**
     * Stores every order of the batch, or none: when some Code is already stored (those Codes), or when a return
     * names no stored sale or returns more than its sale has left ({@link ReturnRules}). Duplicates are checked first,
     * so a return sent again is a repeat, not a second return.
     */
    Stored storeAllOrNone(String shopCode, JsonNode batch, long requestNo) {
        synchronized (storeLock) {
            List<String> duplicates = new ArrayList<>();
            for (JsonNode order : batch) {
                String code = order.get("Code").stringValue();
                if (orders.containsKey(key(shopCode, code))) {
                    duplicates.add(code);
                }
            }
            if (!duplicates.isEmpty()) {
                return new Stored.Duplicates(duplicates);
            }
            String refused = ReturnRules.check(batch, code -> orders.get(key(shopCode, code)),
                    code -> returnsBySale.getOrDefault(key(shopCode, code), List.of()));
            if (refused != null) {
                return new Stored.Refused(refused);
            }
            for (JsonNode order : batch) {
                String code = order.get("Code").stringValue();
                String original = order.hasNonNull("OriginalCode") ? order.get("OriginalCode").stringValue() : null;
                StoredOrder stored = new StoredOrder(shopCode, code, requestNo, order, clock.instant(), original);
                orders.put(key(shopCode, code), stored);
                if (original != null) {
                    returnsBySale.computeIfAbsent(key(shopCode, original), k -> new ArrayList<>()).add(stored);
                }
                counters.creations.incrementAndGet();
            }
            return new Stored.All();
        }
    }

    private static String key(String shopCode, String code) {
        return shopCode + '\u0000' + code;
    }

    static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong creations = new AtomicLong();
        final AtomicLong duplicateReplies = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong faultReplies = new AtomicLong();

        void reset() {
            requests.set(0);
            creations.set(0);
            duplicateReplies.set(0);
            rejected.set(0);
            faultReplies.set(0);
        }
    }
}
