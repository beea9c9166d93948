package com.mallsync.stack.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Tells whether a child process is ready. Never throws: "not yet" is {@code false}. */
@FunctionalInterface
public interface HealthCheck {

    boolean check();

    HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Ready when {@code GET url} answers 200 with {@code "status":"UP"} in the body: Spring Boot's
     * {@code /actuator/health} and the sandboxes' {@code /sandbox/health} both do.
     */
    static HealthCheck httpUp(String url) {
        return () -> {
            try {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    /** Ready when a TCP connection to the port succeeds. */
    static HealthCheck tcp(String host, int port) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }
}
