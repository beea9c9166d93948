package com.mallsync.ops.lag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.mallsync.model.Json;
import com.mallsync.ops.OpsProperties;
import tools.jackson.databind.JsonNode;

/**
 * Asks a service's actuator how it is: {@code /actuator/health} for up/down, and the breakers from resilience4j's
 * {@code /actuator/circuitbreakers} endpoint, or failing that from the {@code circuitBreakers} health component.
 * Never throws: a service that does not answer is reported as unreachable.
 */
@Component
public class ServiceProbe {

    private final HttpClient client;
    private final Duration timeout;

    ServiceProbe(OpsProperties properties) {
        this.timeout = properties.probeTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public ServiceStatus probe(String service, String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return new ServiceStatus(service, baseUrl, false, "UNKNOWN", Map.of(), "no URL configured");
        }
        String health;
        JsonNode healthBody;
        try {
            HttpResponse<String> response = get(baseUrl + "/actuator/health");
            healthBody = parse(response.body());
            health = healthBody != null && healthBody.has("status") ? healthBody.get("status").asString()
                    : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return new ServiceStatus(service, baseUrl, false, "UNREACHABLE", Map.of(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceStatus(service, baseUrl, false, "UNREACHABLE", Map.of(), "interrupted");
        }
        Map<String, String> breakers = breakersFromEndpoint(baseUrl);
        if (breakers.isEmpty() && healthBody != null) {
            breakers = breakersFromHealth(healthBody);
        }
        return new ServiceStatus(service, baseUrl, true, health, breakers, null);
    }

    private Map<String, String> breakersFromEndpoint(String baseUrl) {
        try {
            HttpResponse<String> response = get(baseUrl + "/actuator/circuitbreakers");
            if (response.statusCode() != 200) {
                return Map.of();
            }
            return parseBreakers(parse(response.body()));
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** {@code {"circuitBreakers":{"erp":{"state":"OPEN",...}}}} (resilience4j's endpoint). */
    static Map<String, String> parseBreakers(JsonNode body) {
        Map<String, String> breakers = new LinkedHashMap<>();
        if (body != null && body.has("circuitBreakers")) {
            for (Map.Entry<String, JsonNode> e : body.get("circuitBreakers").properties()) {
                JsonNode state = e.getValue().get("state");
                breakers.put(e.getKey(), state == null ? "UNKNOWN" : state.asString());
            }
        }
        return breakers;
    }

    /** {@code components.circuitBreakers.details.<name>.details.state} (resilience4j's health indicator). */
    static Map<String, String> breakersFromHealth(JsonNode health) {
        Map<String, String> breakers = new LinkedHashMap<>();
        JsonNode details = health.path("components").path("circuitBreakers").path("details");
        for (Map.Entry<String, JsonNode> e : details.properties()) {
            JsonNode state = e.getValue().path("details").get("state");
            if (state != null) {
                breakers.put(e.getKey(), state.asString());
            }
        }
        return breakers;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String body) {
        try {
            return Json.tree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
