package com.mallsync.system.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.mallsync.stack.ConsoleUsers;

/** GET on the console's API as the local stack's viewer (HTTP basic); the body of a 200, else empty. */
final class ConsoleHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConsoleHttp() {
    }

    static Optional<String> get(String url) {
        String auth = Base64.getEncoder().encodeToString((ConsoleUsers.VIEWER + ":" + ConsoleUsers.VIEWER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + auth).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
