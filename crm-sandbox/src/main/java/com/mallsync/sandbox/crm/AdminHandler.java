package com.mallsync.sandbox.crm;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;

/**
 * The admin API under {@code /sandbox/}: health, stats, stored orders, faults, reset. It answers even while the
 * business endpoint is "down".
 */
final class AdminHandler implements HttpHandler {

    private final CrmSandbox sandbox;

    AdminHandler(CrmSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "GET /sandbox/health" -> ok(exchange, Map.of("status", "UP"));
                case "GET /sandbox/stats" -> ok(exchange, sandbox.stats());
                case "GET /sandbox/orders" -> ok(exchange, sandbox.orders());
                case "GET /sandbox/faults" -> ok(exchange, sandbox.faults());
                case "PUT /sandbox/faults" -> putFaults(exchange);
                case "POST /sandbox/reset" -> {
                    sandbox.reset();
                    ok(exchange, sandbox.stats());
                }
                default -> ThirdOrdAddHandler.send(exchange, 404, "{\"error\":\"no such admin resource: " + method
                        + " " + path + "\"}");
            }
        }
    }

    private void putFaults(HttpExchange exchange) throws IOException {
        CrmFaults faults;
        try {
            // Fields left out keep their "no fault" value, so {"down":true} is enough.
            faults = ThirdOrdAddHandler.JSON.readerForUpdating(new FaultsForm())
                    .<FaultsForm>readValue(exchange.getRequestBody()).toFaults();
        } catch (JacksonException | IllegalArgumentException e) {
            ThirdOrdAddHandler.send(exchange, 400, ThirdOrdAddHandler.JSON.writeValueAsString(
                    Map.of("error", "bad faults: " + e.getMessage())));
            return;
        }
        ok(exchange, sandbox.setFaults(faults));
    }

    private static void ok(HttpExchange exchange, Object body) throws IOException {
        ThirdOrdAddHandler.send(exchange, 200, ThirdOrdAddHandler.JSON.writeValueAsString(body));
    }

    /** Mutable form of {@link CrmFaults} for Jackson, defaults = no fault. */
    static final class FaultsForm {
        public long latencyMs;
        public double errorRate;
        public double timeoutRate;
        public long timeoutMs = CrmFaults.NONE.timeoutMs();
        public boolean down;
        public List<String> rejectCodes;
        public List<String> errorCodes;
        public List<String> stallCodes;
        public List<String> hugeCodes;

        CrmFaults toFaults() {
            return new CrmFaults(latencyMs, errorRate, timeoutRate, timeoutMs, down, rejectCodes, errorCodes,
                    stallCodes, hugeCodes);
        }
    }
}
