package com.mallsync.sandbox.erp;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The business endpoint: faults first, then the checks, then one creation (refused when the duplicate check is on and
 * the order exists; its reply lost for a {@code lostReplyRate} share).
 */
final class TradeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TradeHandler.class);

    private final ErpSandbox sandbox;
    private final TradeCheck check;

    TradeHandler(ErpSandbox sandbox, TradeCheck check) {
        this.sandbox = sandbox;
        this.check = check;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            sandbox.requests.incrementAndGet();
            Faults faults = sandbox.faults();
            if (faults.down()) {
                sandbox.faultReplies.incrementAndGet();
                return; // closing the exchange before any reply drops the connection
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                SandboxHttp.reply(exchange, 405, Map.of("error", "POST only"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            sleep(faults.latencyMs());
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextDouble() < faults.timeoutRate()) {
                sandbox.faultReplies.incrementAndGet();
                sleep(faults.timeoutMs());
                return; // no reply, nothing stored
            }
            Map<String, String> params = params(exchange, body);
            if (params == null) {
                sandbox.rejected.incrementAndGet();
                SandboxHttp.reply(exchange, 400, Map.of("error", "body is neither a JSON object nor a form"));
                return;
            }
            if (random.nextDouble() < faults.errorRate() || isErrorOrder(faults, params.get("MasterXml"))) {
                sandbox.faultReplies.incrementAndGet();
                SandboxHttp.reply(exchange, 500, Map.of("error", "injected server error"));
                return;
            }
            if (isListed(faults.hugeOrders(), params.get("MasterXml"))) {
                sandbox.faultReplies.incrementAndGet();
                BadReplies.huge(exchange);
                return; // nothing created
            }
            if (random.nextDouble() < faults.failRate()) {
                sandbox.faultReplies.incrementAndGet();
                SandboxHttp.reply(exchange, 200, envelope(faults.failCode(), "injected business error"));
                return;
            }
            TradeRequest request;
            try {
                request = check.check(params::get);
            } catch (CheckFailure e) {
                sandbox.rejected.incrementAndGet();
                LOG.info("refused with Code {}: {}", e.code(), e.getMessage());
                SandboxHttp.reply(exchange, 200, envelope(e.code(), e.getMessage()));
                return;
            }
            StoredOrder order;
            try {
                order = sandbox.create(request, faults.duplicateCode() != null);
            } catch (CheckFailure e) {
                sandbox.rejected.incrementAndGet();
                LOG.info("refused a return with Code {}: {}", e.code(), e.getMessage());
                SandboxHttp.reply(exchange, 200, envelope(e.code(), e.getMessage()));
                return;
            }
            if (order == null) {
                sandbox.rejected.incrementAndGet();
                LOG.info("refused a second order with OuterID {} (Code {})", request.master().get("OuterID"),
                        faults.duplicateCode());
                SandboxHttp.reply(exchange, 200, envelope(faults.duplicateCode(),
                        "外部订单号已存在: " + request.master().get("OuterID")));
                return;
            }
            LOG.debug("created {} for {}", order.outerTradeId(), order.outerId());
            if (isListed(faults.stallOrders(), params.get("MasterXml"))) {
                sandbox.faultReplies.incrementAndGet();
                BadReplies.stallMidBody(exchange, SandboxHttp.MAPPER.writeValueAsString(
                        envelope("0", Map.of("OuterTradeID", order.outerTradeId()))), faults.timeoutMs());
                return; // created, but the reply stalls half-way
            }
            if (random.nextDouble() < faults.lostReplyRate()) {
                sandbox.faultReplies.incrementAndGet();
                sleep(faults.timeoutMs());
                return; // created, but the reply is lost
            }
            SandboxHttp.reply(exchange, 200, envelope("0", Map.of("OuterTradeID", order.outerTradeId())));
        }
    }

    private static boolean isErrorOrder(Faults faults, String masterXml) {
        return isListed(faults.errorOrders(), masterXml);
    }

    private static boolean isListed(List<String> orderNos, String masterXml) {
        if (orderNos.isEmpty() || masterXml == null) {
            return false;
        }
        try {
            return orderNos.contains(TradeXml.rows(masterXml, "master").get(0).get("OuterID"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The seed's reply envelope. */
    private static Map<String, Object> envelope(String code, Object message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("Code", code);
        reply.put("Method", 0);
        reply.put("Compressed", false);
        reply.put("Encrypted", false);
        reply.put("Message", message);
        return reply;
    }

    /** The nine parameters from a JSON object or a form body; {@code null} when it is neither. */
    private static Map<String, String> params(HttpExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, String> params = new HashMap<>();
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
            return params;
        }
        try {
            JsonNode node = SandboxHttp.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                params.put(field.getKey(), value.isValueNode() ? value.asString() : value.toString());
            }
            return params;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
