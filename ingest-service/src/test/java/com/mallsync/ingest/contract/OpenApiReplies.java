package com.mallsync.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.testsupport.Contracts;
import tools.jackson.databind.JsonNode;

/**
 * Posts to the running webhook and checks each reply against {@code contracts/openapi.yaml}: the status is one the
 * document lists for {@code POST /webhooks/mall/orders}, the content type is the documented one, and the body
 * conforms to that status's schema (whose objects are closed: an undocumented property fails too).
 */
final class OpenApiReplies {

    static final String PATH = "/webhooks/mall/orders";
    private static final String OPERATION = "/paths/" + PATH.replace("/", "~1") + "/post";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;
    private final JsonNode operation;

    OpenApiReplies(int port) {
        this.uri = URI.create("http://localhost:" + port + PATH);
        this.operation = Contracts.document(Contracts.OPENAPI).at(OPERATION);
        assertThat(operation.isMissingNode()).as("openapi.yaml documents POST " + PATH).isFalse();
    }

    /** The statuses the document lists. */
    List<Integer> documentedStatuses() {
        List<Integer> statuses = new ArrayList<>();
        operation.get("responses").propertyNames().forEach(s -> statuses.add(Integer.parseInt(s)));
        return statuses;
    }

    /** Posts {@code body} and returns the reply, after checking it against the document. */
    HttpResponse<String> post(String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> reply;
        try {
            reply = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String status = String.valueOf(reply.statusCode());
        assertThat(documentedStatuses()).as("documented statuses").contains(reply.statusCode());
        JsonNode content = operation.get("responses").get(status).get("content");
        String contentType = reply.headers().firstValue("Content-Type").orElse("");
        assertThat(contentType).as("Content-Type of a " + status).startsWith("application/json");
        assertThat(content.has("application/json")).isTrue();
        List<String> problems = Contracts.violations(Contracts.OPENAPI + "#" + OPERATION + "/responses/" + status
                + "/content/application~1json/schema", reply.body());
        assertThat(problems).as("the %s reply %s by openapi.yaml", status, reply.body()).isEmpty();
        return reply;
    }

    /** Whether the body conforms to a named schema of {@code components/schemas}. */
    static boolean is(String component, String body) {
        return Contracts.violations(Contracts.OPENAPI + "#/components/schemas/" + component, body).isEmpty();
    }
}
