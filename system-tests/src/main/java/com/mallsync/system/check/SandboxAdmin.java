package com.mallsync.system.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mallsync.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Drives one sandbox through its admin API ({@code /sandbox/stats|orders|faults|reset|health}), which stays up
 * while the business endpoint is "down".
 */
public final class SandboxAdmin {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param baseUrl the sandbox's base URL, e.g. {@code http://localhost:8091} */
    public SandboxAdmin(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    public String baseUrl() {
        return base.toString();
    }

    public boolean healthy() {
        try {
            return get("sandbox/health").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public SandboxStats stats() {
        JsonNode node = Json.tree(body(get("sandbox/stats")));
        return new SandboxStats(node.path("requests").asLong(), node.path("orders").asLong(),
                node.path("creations").asLong(), node.path("doubleCreations").asLong(),
                node.path("duplicateReplies").asLong(), node.path("rejected").asLong(),
                node.path("faultReplies").asLong(), node.path("sales").asLong(-1), node.path("returns").asLong(-1));
    }

    /** Every stored order, each as its JSON text. */
    public List<String> storedOrders() {
        JsonNode array = Json.tree(body(get("sandbox/orders")));
        if (!array.isArray()) {
            throw new IllegalStateException(base + "sandbox/orders is not a JSON array");
        }
        List<String> orders = new ArrayList<>(array.size());
        array.forEach(order -> orders.add(Json.writeString(order)));
        return orders;
    }

    /** Switches faults; returns the sandbox's answer (its faults now). */
    public String faults(Faults faults) {
        return putFaults(faults.json());
    }

    /**
     * Turns the ERP sandbox's duplicate check on ({@code duplicateCode}: a second order with the same
     * {@code OuterID} is refused with that Code); later {@link #faults(Faults)} calls leave it as it is, a reset
     * turns it off.
     */
    public String duplicateCheck(String code) {
        return putFaults(Json.writeString(Map.of("duplicateCode", code)));
    }

    /** {@code PUT /sandbox/faults}: the sandbox merges the fields given into its faults and answers with all. */
    private String putFaults(String json) {
        return body(send(HttpRequest.newBuilder(base.resolve("sandbox/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))));
    }

    public void reset() {
        body(send(HttpRequest.newBuilder(base.resolve("sandbox/reset")).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String body(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /**
     * The fault switches of {@code PUT /sandbox/faults}.
     *
     * @param timeoutMs how long a "timed out" request waits before doing nothing
     */
    public record Faults(long latencyMs, double errorRate, double timeoutRate, long timeoutMs, boolean down) {

        public static final Faults NONE = new Faults(0, 0, 0, 30_000, false);

        public static Faults latency(long millis) {
            return new Faults(millis, 0, 0, 30_000, false);
        }

        public Faults down(boolean isDown) {
            return new Faults(latencyMs, errorRate, timeoutRate, timeoutMs, isDown);
        }

        String json() {
            return Json.writeString(Map.of("latencyMs", latencyMs, "errorRate", errorRate,
                    "timeoutRate", timeoutRate, "timeoutMs", timeoutMs, "down", down));
        }
    }
}
