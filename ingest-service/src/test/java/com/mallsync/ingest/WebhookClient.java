package com.mallsync.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.mallsync.model.Json;
import tools.jackson.databind.JsonNode;

/** Posts to the running webhook over real HTTP (JDK client), as the mall would. */
public final class WebhookClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;

    public WebhookClient(int port) {
        this.uri = URI.create("http://localhost:" + port + "/webhooks/mall/orders");
    }

    public Reply post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply post(byte[] body) {
        return post(body, new String[0]);
    }

    /** @param headers name, value, name, value, ... */
    public Reply post(byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, String body) {

        public JsonNode json() {
            return Json.tree(body);
        }

        public int code() {
            return json().get("code").asInt();
        }

        public String msg() {
            return json().get("msg").asString();
        }

        public String field() {
            JsonNode field = json().get("field");
            return field == null ? null : field.asString();
        }
    }
}
