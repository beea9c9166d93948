package com.mallsync.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue 14: what an attacker on a service's HTTP port would try against its actuator: resilience4j's breaker write
 * operation (FORCE_OPEN stops consumption for good, DISABLE hides an outage), logger changes, and the usual write
 * endpoints (shutdown, env, refresh). Each attempt's HTTP status, for the test to assert none succeeded.
 */
public final class ActuatorWrites {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ActuatorWrites() {
    }

    /** Attempt → HTTP status, against {@code baseUrl} (e.g. {@code http://127.0.0.1:8082}). */
    public static Map<String, Integer> attempt(String baseUrl, String breaker) {
        Map<String, String[]> attempts = new LinkedHashMap<>();
        for (String state : new String[] {"FORCE_OPEN", "DISABLE", "METRICS_ONLY", "FORCE_CLOSED", "CLOSE"}) {
            attempts.put("POST circuitbreakers/" + breaker + " " + state, new String[] {"POST",
                    "/actuator/circuitbreakers/" + breaker, "{\"updateState\":\"" + state + "\"}"});
        }
        attempts.put("POST loggers/ROOT OFF", new String[] {"POST", "/actuator/loggers/ROOT",
                "{\"configuredLevel\":\"OFF\"}"});
        attempts.put("POST loggers/com.mallsync OFF", new String[] {"POST", "/actuator/loggers/com.mallsync",
                "{\"configuredLevel\":\"OFF\"}"});
        attempts.put("POST shutdown", new String[] {"POST", "/actuator/shutdown", "{}"});
        attempts.put("POST env", new String[] {"POST", "/actuator/env", "{\"name\":\"x\",\"value\":\"y\"}"});
        attempts.put("POST refresh", new String[] {"POST", "/actuator/refresh", "{}"});
        attempts.put("DELETE env", new String[] {"DELETE", "/actuator/env", null});
        Map<String, Integer> statuses = new LinkedHashMap<>();
        attempts.forEach((name, a) -> statuses.put(name, send(baseUrl, a[0], a[1], a[2])));
        return statuses;
    }

    /** A GET's status (the read side that must stay). */
    public static int get(String baseUrl, String path) {
        return send(baseUrl, "GET", path, null);
    }

    private static int send(String baseUrl, String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
