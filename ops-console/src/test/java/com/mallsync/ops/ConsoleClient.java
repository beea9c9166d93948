package com.mallsync.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.mallsync.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The console as a script sees it: HTTP basic (or none), cookies kept, and the CSRF token taken from the
 * {@code XSRF-TOKEN} cookie and sent back as {@code X-XSRF-TOKEN} on a POST, unless a test says otherwise.
 */
public final class ConsoleClient {

    /** Users the console tests configure. */
    public static final Map<String, String> TEST_USERS = Map.of(
            "ops.security.users.vera.password", "{noop}vera-pw", "ops.security.users.vera.roles", "VIEWER",
            "ops.security.users.otto.password", "{noop}otto-pw", "ops.security.users.otto.roles", "OPERATOR");

    private final String base;
    private final String authorization;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ConsoleClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static ConsoleClient operator(int port) {
        return new ConsoleClient(port, "otto", "otto-pw");
    }

    public static ConsoleClient viewer(int port) {
        return new ConsoleClient(port, "vera", "vera-pw");
    }

    public static ConsoleClient anonymous(int port) {
        return new ConsoleClient(port, null, null);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A POST as the console's own page sends it: JSON, with the CSRF token (fetched by a GET first if needed). */
    public HttpResponse<String> post(String path, String json) {
        String token = csrfToken();
        HttpRequest.Builder r = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            r.header("X-XSRF-TOKEN", token);
        }
        return send(r);
    }

    /** Any request the test builds itself, with this client's login and cookies. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return r;
    }

    /** The CSRF cookie's value, after a GET of the summary when there is none yet. */
    public String csrfToken() {
        String token = cookie("XSRF-TOKEN");
        if (token == null) {
            get("/api/summary");
            token = cookie("XSRF-TOKEN");
        }
        return token;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The JSON body of a 200 answer (else an AssertionError naming the status and body). */
    public static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + " " + response.body());
        }
        return Json.tree(response.body());
    }
}
