package com.mallsync.system.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.mallsync.model.Json;
import tools.jackson.databind.JsonNode;

/** Small HTTP calls of the system tests (sandbox admin API, console API). */
final class StackHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StackHttp() {
    }

    static HttpResponse<String> send(String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body of a 2xx answer. */
    static JsonNode json(String method, String url, String body) {
        HttpResponse<String> response = send(method, url, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return Json.tree(response.body());
    }

    static JsonNode get(String url) {
        return json("GET", url, null);
    }
}
