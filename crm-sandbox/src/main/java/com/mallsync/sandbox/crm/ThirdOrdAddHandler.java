package com.mallsync.sandbox.crm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/morder/thirdOrdAdd}: signature, batch rules (≤ 100 rows, one ShopCode, Code unique per ShopCode),
 * every 1.4 rule and length per order; a batch is stored whole or not at all.
 */
final class ThirdOrdAddHandler implements HttpHandler {

    static final int MAX_ROWS = 100;
    /** How far the caller's Timestamp may be from the sandbox's clock. */
    static final Duration TIMESTAMP_SKEW = Duration.ofMinutes(10);
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static final Logger LOG = LoggerFactory.getLogger(ThirdOrdAddHandler.class);
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final CrmSandbox sandbox;
    private final String appId;
    private final String token;
    private final Clock clock;
    private final OrderRules rules;

    ThirdOrdAddHandler(CrmSandbox sandbox, String appId, String token, Clock clock, OrderRules rules) {
        this.sandbox = sandbox;
        this.appId = appId;
        this.token = token;
        this.clock = clock;
        this.rules = rules;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long requestNo = sandbox.counters.requests.incrementAndGet();
            CrmFaults faults = sandbox.faults();
            if (faults.down()) {
                sandbox.counters.faultReplies.incrementAndGet();
                return; // closing before any header: the client sees a connection error
            }
            long received = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (faults.timeoutRate() > 0 && random.nextDouble() < faults.timeoutRate()) {
                sandbox.counters.faultReplies.incrementAndGet();
                sleep(faults.timeoutMs());
                return; // a request that timed out had no effect
            }
            if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
                sandbox.counters.faultReplies.incrementAndGet();
                answerAfterLatency(received, faults);
                send(exchange, 500, "{\"Message\":\"sandbox: injected server error\"}");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"Message\":\"POST only\"}");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (holdsErrorCode(form.get("Args"), faults.errorCodes())) {
                sandbox.counters.faultReplies.incrementAndGet();
                answerAfterLatency(received, faults);
                send(exchange, 500, "{\"Message\":\"sandbox: injected server error (errorCodes)\"}");
                return;
            }
            if (holdsErrorCode(form.get("Args"), faults.hugeCodes())) {
                sandbox.counters.faultReplies.incrementAndGet();
                answerAfterLatency(received, faults);
                BadReplies.huge(exchange);
                return;
            }
            if (holdsErrorCode(form.get("Args"), faults.stallCodes())) {
                sandbox.counters.faultReplies.incrementAndGet();
                answerAfterLatency(received, faults);
                BadReplies.stallMidBody(exchange, envelope(new Reply(true, 200, "stalled", 0)), faults.timeoutMs());
                return;
            }
            Reply reply = handle(form, requestNo, faults);
            answerAfterLatency(received, faults);
            send(exchange, 200, envelope(reply));
        }
    }

    private record Reply(boolean status, int statusCode, String msg, int result) {
    }

    private Reply handle(Map<String, String> form, long requestNo, CrmFaults faults) {
        String timestamp = form.get("Timestamp");
        if (!appId.equals(form.get("AppId"))) {
            return refuse(401, "AppId无效 (unknown AppId)");
        }
        if (timestamp == null || !freshTimestamp(timestamp)) {
            return refuse(401, "Timestamp无效或已过期 (Timestamp missing, not yyyyMMddHHmmss, or more than "
                    + TIMESTAMP_SKEW.toMinutes() + " minutes off)");
        }
        if (!Signature.matches(Signature.sign(appId, timestamp, token), form.get("Sign"))) {
            return refuse(401, "签名错误 (Sign does not match)");
        }
        JsonNode args;
        try {
            args = JSON.readTree(form.getOrDefault("Args", ""));
        } catch (JacksonException e) {
            return refuse(400, "Args不是有效的JSON (Args is not JSON): " + e.getOriginalMessage());
        }
        if (!args.isArray() || args.isEmpty()) {
            return refuse(400, "Args必须是非空数组 (Args must be a non-empty JSON array)");
        }
        if (args.size() > MAX_ROWS) {
            return refuse(400, "最大数据行数限制" + MAX_ROWS + " (at most " + MAX_ROWS + " rows, got " + args.size() + ")");
        }
        for (JsonNode order : args) {
            Optional<String> violation = rules.firstViolation(order);
            if (violation.isPresent()) {
                return refuse(400, violation.get());
            }
        }
        Set<String> shopCodes = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (JsonNode order : args) {
            shopCodes.add(order.get("ShopCode").stringValue());
            if (!codes.add(order.get("Code").stringValue())) {
                return refuse(400, "批次内订单编号重复 (Code repeated within the batch): " + order.get("Code").stringValue());
            }
        }
        if (shopCodes.size() > 1) {
            return refuse(400, "批量必须是同一渠道代码 (one ShopCode per batch, got " + shopCodes + ")");
        }
        for (JsonNode order : args) {
            String code = order.get("Code").stringValue();
            if (faults.rejectCodes().contains(code)) {
                return refuse(400, "订单 " + code + ": 业务校验失败 (refused by the CRM for a business reason)");
            }
        }
        String shopCode = shopCodes.iterator().next();
        CrmSandbox.Stored stored = sandbox.storeAllOrNone(shopCode, args, requestNo);
        if (stored instanceof CrmSandbox.Stored.Refused refused) {
            return refuse(400, refused.msg());
        }
        if (stored instanceof CrmSandbox.Stored.Duplicates dup) {
            List<String> duplicates = dup.codes();
            sandbox.counters.duplicateReplies.incrementAndGet();
            LOG.info("request {}: duplicate Code(s) {} for ShopCode {}", requestNo, duplicates, shopCode);
            return new Reply(false, CrmSandbox.DUPLICATE_STATUS_CODE,
                    CrmSandbox.DUPLICATE_MSG_PREFIX + String.join(",", duplicates), 0);
        }
        LOG.debug("request {}: stored {} order(s) for ShopCode {}", requestNo, args.size(), shopCode);
        return new Reply(true, 200, "成功", args.size());
    }

    /** Whether {@code args} is a JSON array holding an order whose Code is one of {@code errorCodes}. */
    private static boolean holdsErrorCode(String args, List<String> errorCodes) {
        if (errorCodes.isEmpty() || args == null) {
            return false;
        }
        try {
            for (JsonNode order : JSON.readTree(args)) {
                if (errorCodes.contains(order.path("Code").asString(""))) {
                    return true;
                }
            }
        } catch (JacksonException e) {
            return false; // not JSON: the rules refuse it as usual
        }
        return false;
    }

    private Reply refuse(int statusCode, String msg) {
        sandbox.counters.rejected.incrementAndGet();
        LOG.info("refused ({}): {}", statusCode, msg);
        return new Reply(false, statusCode, msg, 0);
    }

    private boolean freshTimestamp(String timestamp) {
        try {
            LocalDateTime t = LocalDateTime.parse(timestamp, TIMESTAMP);
            LocalDateTime now = LocalDateTime.now(clock.withZone(OrderRules.ZONE));
            return Duration.between(t, now).abs().compareTo(TIMESTAMP_SKEW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String envelope(Reply reply) {
        String timestamp = LocalDateTime.now(clock.withZone(OrderRules.ZONE)).format(TIMESTAMP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", reply.status());
        body.put("StatusCode", reply.statusCode());
        body.put("Msg", reply.msg());
        body.put("Timestamp", timestamp);
        body.put("Sign", Signature.sign(appId, timestamp, token));
        body.put("Result", reply.result());
        return JSON.writeValueAsString(body);
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** latencyMs is the CRM's response time: the sandbox's own work counts toward it, the rest is waited out. */
    private static void answerAfterLatency(long receivedNanos, CrmFaults faults) {
        long spentMs = (System.nanoTime() - receivedNanos) / 1_000_000;
        sleep(faults.latencyMs() - spentMs);
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
