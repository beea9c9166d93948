package com.mallsync.sandbox.erp;

import java.io.IOException;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /sandbox/health|stats|orders|faults|reset}: how tests, the stack and ops drive the sandbox. */
final class AdminHandler implements HttpHandler {

    private final ErpSandbox sandbox;

    AdminHandler(ErpSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "GET /sandbox/health" -> SandboxHttp.reply(exchange, 200, Map.of("status", "UP"));
                case "GET /sandbox/stats" -> SandboxHttp.reply(exchange, 200, sandbox.stats());
                case "GET /sandbox/orders" -> SandboxHttp.reply(exchange, 200, sandbox.orders());
                case "GET /sandbox/faults" -> SandboxHttp.reply(exchange, 200, sandbox.faults());
                case "PUT /sandbox/faults", "POST /sandbox/faults" -> putFaults(exchange);
                case "POST /sandbox/reset" -> {
                    sandbox.reset();
                    SandboxHttp.reply(exchange, 200, sandbox.stats());
                }
                default -> SandboxHttp.reply(exchange, 404, Map.of("error", "no such admin call: " + method + " " + path));
            }
        }
    }

    /** Fields left out of the body keep their current values. */
    private void putFaults(HttpExchange exchange) throws IOException {
        try {
            JsonNode body = SandboxHttp.MAPPER.readTree(exchange.getRequestBody());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            ObjectNode merged = SandboxHttp.MAPPER.valueToTree(sandbox.faults());
            merged.setAll((ObjectNode) body);
            sandbox.setFaults(SandboxHttp.MAPPER.treeToValue(merged, Faults.class));
            SandboxHttp.reply(exchange, 200, sandbox.faults());
        } catch (JacksonException | IllegalArgumentException e) {
            SandboxHttp.reply(exchange, 400, Map.of("error", "bad faults: " + e.getMessage()));
        }
    }
}
