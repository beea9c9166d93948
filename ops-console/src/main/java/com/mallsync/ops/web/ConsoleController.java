package com.mallsync.ops.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.ops.OpsProperties;
import com.mallsync.ops.Pipeline;
import com.mallsync.ops.dlt.DltRecord;
import com.mallsync.ops.dlt.DltReplayer;
import com.mallsync.ops.dlt.ReplayRequest;
import com.mallsync.ops.dlt.ReplayResult;
import com.mallsync.ops.lag.LagProbe;
import com.mallsync.ops.lag.Snapshot;
import com.mallsync.ops.ledger.OrderLedger;

/** The JSON API behind the page (and for scripts). Not part of the one-shot replay command. */
@RestController
@Profile("!replay-dlt")
@RequestMapping("/api")
class ConsoleController {

    static final Map<String, Duration> WINDOWS = windows();

    private final OrderLedger ledger;
    private final LagProbe lag;
    private final DltReplayer replayer;
    private final OpsProperties properties;
    private final Clock clock;

    ConsoleController(OrderLedger ledger, LagProbe lag, DltReplayer replayer, OpsProperties properties, Clock clock) {
        this.ledger = ledger;
        this.lag = lag;
        this.replayer = replayer;
        this.properties = properties;
        this.clock = clock;
    }

    /** Everything the page shows, in one call. */
    @GetMapping("/summary")
    Map<String, Object> summary() {
        Instant now = clock.instant();
        Snapshot snapshot = lag.latest();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now);
        out.put("outcomes", outcomes(now));
        out.put("problems", ledger.problems());
        out.put("lag", snapshot.groups());
        out.put("dlts", snapshot.dlts());
        out.put("services", snapshot.services());
        out.put("kafkaError", snapshot.kafkaError());
        out.put("probedAt", snapshot.at());
        out.put("overdue", overdue(now, 100));
        out.put("awaiting", awaiting(now, 100));
        out.put("ledger", known(now));
        return out;
    }

    /** Outcome counts per window (5m, 1h, 24h) or one window ({@code ?window=PT15M}). */
    @GetMapping("/outcomes")
    Map<String, Map<SyncTarget, Map<SyncStatus, Long>>> outcomes(@RequestParam(required = false) Duration window) {
        Instant now = clock.instant();
        return window == null ? outcomes(now) : Map.of(window.toString(), ledger.counts(now, window));
    }

    @GetMapping("/problems")
    List<SyncOutcome> problems() {
        return ledger.problems();
    }

    @GetMapping("/lag")
    Snapshot lag() {
        return lag.latest();
    }

    @GetMapping("/overdue")
    Map<String, Object> overdue(@RequestParam(defaultValue = "1000") int limit) {
        return overdue(clock.instant(), limit);
    }

    /** Orders awaiting confirmation before the CRM gets the sale (not late), longest waiting first. */
    @GetMapping("/awaiting")
    Map<String, Object> awaiting(@RequestParam(defaultValue = "1000") int limit) {
        return awaiting(clock.instant(), limit);
    }

    @GetMapping("/dlt")
    Map<String, Object> dlt(@RequestParam(defaultValue = "50") int limit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sizes", lag.latest().dlts());
        Map<String, List<DltRecord>> records = new LinkedHashMap<>();
        for (Pipeline pipeline : Pipeline.values()) {
            records.put(pipeline.dlt(), replayer.list(pipeline.dlt(), limit));
        }
        out.put("records", records);
        return out;
    }

    /**
     * Replays DLT records to {@code orders.paid.v1} (OPERATOR role). Body: {@code {"all":true}} or
     * {@code {"records":[ids or order keys]}}, optionally {@code "topics":[...]} and {@code "inDoubt":"RESEND"}
     * (default HOLD). An empty body is refused: "all" has to be said.
     */
    @PostMapping("/dlt/replay")
    ReplayResult replay(@RequestBody(required = false) ReplayBody body) {
        if (body == null) {
            throw new IllegalArgumentException("a body is needed: {\"all\":true} or {\"records\":[...]}");
        }
        return replayer.replay(new ReplayRequest(Boolean.TRUE.equals(body.all()), body.topics(),
                body.records() == null ? Set.of() : Set.copyOf(body.records()), body.inDoubt()));
    }

    record ReplayBody(Boolean all, List<String> topics, List<String> records, String inDoubt) {
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, String>> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", String.valueOf(e)));
    }

    private Map<String, Map<SyncTarget, Map<SyncStatus, Long>>> outcomes(Instant now) {
        Map<String, Map<SyncTarget, Map<SyncStatus, Long>>> out = new LinkedHashMap<>();
        WINDOWS.forEach((name, window) -> out.put(name, ledger.counts(now, window)));
        return out;
    }

    /**
     * What the ledger holds: the orders and events of the last {@code window} (from {@code since}; the overdue and
     * awaiting lists cover the same), and the records read since the console started, from the window's first.
     */
    private Map<String, Object> known(Instant now) {
        Duration window = ChartsController.windowOf(ledger);
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("window", window);
        known.put("since", window == null ? null : now.minus(window));
        known.put("orders", ledger.orderCount());
        known.put("events", ledger.eventCount());
        known.put("paidRecords", ledger.paidRecords());
        known.put("outcomeRecords", ledger.outcomeRecords());
        return known;
    }

    private Map<String, Object> overdue(Instant now, int limit) {
        List<OrderLedger.Overdue> overdue = ledger.overdue(now, properties.overdueAfter());
        Map<SyncTarget, Long> byTarget = new EnumMap<>(SyncTarget.class);
        Map<SyncTarget, Long> ordersByTarget = new EnumMap<>(SyncTarget.class);
        for (SyncTarget target : SyncTarget.values()) {
            byTarget.put(target, overdue.stream().filter(o -> o.target() == target).count());
            ordersByTarget.put(target, overdue.stream().filter(o -> o.target() == target)
                    .map(OrderLedger.Overdue::key).distinct().count());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("after", properties.overdueAfter());
        out.put("count", overdue.size());
        out.put("byTarget", byTarget);
        out.put("orders", overdue.stream().map(OrderLedger.Overdue::key).distinct().count());
        out.put("ordersByTarget", ordersByTarget);
        out.put("events", overdue.stream().limit(limit).map(o -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", o.key());
            e.put("event", o.event());
            e.put("line", o.line());
            e.put("target", o.target());
            e.put("receivedAt", o.receivedAt());
            e.put("ageSeconds", o.age().toSeconds());
            return e;
        }).toList());
        return out;
    }

    private Map<String, Object> awaiting(Instant now, int limit) {
        List<OrderLedger.Awaiting> awaiting = ledger.awaitingConfirmation(now, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", ledger.awaitingCount());
        out.put("orders", awaiting.stream().map(a -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key", a.key());
            o.put("paidAt", a.paidAt());
            o.put("ageSeconds", a.age().toSeconds());
            o.put("reason", a.reason());
            return o;
        }).toList());
        return out;
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("5m", Duration.ofMinutes(5));
        windows.put("1h", Duration.ofHours(1));
        windows.put("24h", Duration.ofHours(24));
        return windows;
    }
}
