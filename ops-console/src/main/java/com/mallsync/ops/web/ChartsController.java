package com.mallsync.ops.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mallsync.ops.Pipeline;
import com.mallsync.ops.lag.LagDiagnosis;
import com.mallsync.ops.lag.LagHistory;
import com.mallsync.ops.ledger.OrderLedger;
import com.mallsync.ops.story.OrderStory;
import com.mallsync.ops.story.OrderStoryService;
import com.mallsync.runtime.Window;

/** The series the page plots ({@code /api/charts}) and the order search ({@code /api/orders}). */
@RestController
@Profile("!replay-dlt")
@RequestMapping("/api")
class ChartsController {

    static final Duration MAX_SPAN = Duration.ofHours(24);

    private final OrderLedger ledger;
    private final LagHistory lagHistory;
    private final OrderStoryService stories;
    private final Clock clock;

    ChartsController(OrderLedger ledger, LagHistory lagHistory, OrderStoryService stories, Clock clock) {
        this.ledger = ledger;
        this.lagHistory = lagHistory;
        this.stories = stories;
        this.clock = clock;
    }

    /**
     * Over the last {@code span} (default 6 h, at most 24 h): outcome records per minute by target and status,
     * latency p50/p99 per minute by target, lag per probe by group with the spans a breaker paused it.
     */
    @GetMapping("/charts")
    Map<String, Object> charts(@RequestParam(defaultValue = "PT6H") Duration span) {
        if (span.isNegative() || span.isZero() || span.compareTo(MAX_SPAN) > 0) {
            throw new IllegalArgumentException("span: between PT1M and " + MAX_SPAN);
        }
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now);
        out.put("span", span);
        OrderLedger.Timeline timeline = ledger.timeline(now, span);
        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("minutes", timeline.minutes());
        timeline.counts().forEach((target, byStatus) -> outcomes.put(target.name(), byStatus));
        out.put("outcomes", outcomes);
        out.put("latency", ledger.latency(now, span));
        out.put("lag", lag(now.minus(span)));
        return out;
    }

    /** The story of the orders whose number (or {@code mallId:orderNo}) is {@code no}. */
    @GetMapping("/orders")
    Map<String, Object> orders(@RequestParam(defaultValue = "") String no) {
        List<OrderStory> found = stories.find(no);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", no.strip());
        // how far back the console remembers orders (ops.window): an older order is not found here
        out.put("window", windowOf(ledger));
        out.put("orders", found);
        return out;
    }

    /** The ledger's window as the API shows it: its length, or {@code null} for the whole topics. */
    static Duration windowOf(OrderLedger ledger) {
        return ledger.window() instanceof Window.Last last ? last.length() : null;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }

    private Map<String, Object> lag(Instant from) {
        List<LagHistory.Point> points = lagHistory.since(from);
        Map<String, Object> lag = new LinkedHashMap<>();
        lag.put("at", points.stream().mapToLong(p -> p.at().getEpochSecond()).toArray());
        lag.put("capacity", lagHistory.capacity());
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Pipeline pipeline : Pipeline.values()) {
            String group = pipeline.group();
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("target", pipeline.target());
            g.put("lag", points.stream().map(p -> p.lag().get(group)).toList());
            g.put("paused", LagHistory.spans(points, group, LagDiagnosis.State.PAUSED_BY_BREAKER));
            groups.put(group, g);
        }
        lag.put("groups", groups);
        return lag;
    }

}
