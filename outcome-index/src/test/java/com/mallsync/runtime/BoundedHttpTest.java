package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over real HTTP against a JDK server that misbehaves on purpose (JDK-8208693: headers-only timeouts). */
class BoundedHttpTest {

    /** Generous: the shared build machine runs at load 50; the stalls below last 30 s. */
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static HttpServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", ex -> reply(ex, 200, "{\"Code\":\"0\"}"));
        server.createContext("/stall", ex -> {
            ex.sendResponseHeaders(200, 1000);
            OutputStream out = ex.getResponseBody();
            out.write("{\"Code\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(30_000);
            ex.close();
        });
        server.createContext("/silent", ex -> {
            sleep(30_000);
            ex.close();
        });
        server.createContext("/huge-chunked", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 160; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client gave up reading, as it should
            }
        });
        server.createContext("/huge-announced", ex -> {
            ex.sendResponseHeaders(200, 10L * 1024 * 1024);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[10 * 1024 * 1024]);
            } catch (IOException e) {
                // the client gave up reading
            }
        });
        server.start();
        call("/ok"); // warm up the client and the server, so the deadline below measures the stall only
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static BoundedHttp.Outcome call(String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + path)).timeout(DEADLINE).GET().build();
        return BoundedHttp.send(HTTP, request, DEADLINE, 1024 * 1024);
    }

    @Test
    void aWholeReplyWithinTheDeadlineAndTheCapIsAnswered() throws InterruptedException {
        assertThat(call("/ok")).isEqualTo(new BoundedHttp.Answered(200, "{\"Code\":\"0\"}"));
    }

    @Test
    void aBodyThatStallsAfterTheHeadersEndsAtTheDeadline() throws InterruptedException {
        long start = System.nanoTime();
        BoundedHttp.Outcome outcome = call("/stall");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome).isEqualTo(new BoundedHttp.TimedOut(true, DEADLINE));
        assertThat(took).isLessThan(DEADLINE.plusSeconds(5));
        System.out.printf("stalled body abandoned after %d ms (deadline %d ms)%n", took.toMillis(), DEADLINE.toMillis());
    }

    @Test
    void noHeadersAtAllEndsAtTheDeadlineToo() throws InterruptedException {
        long start = System.nanoTime();
        assertThat(call("/silent")).isEqualTo(new BoundedHttp.TimedOut(false, DEADLINE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusSeconds(5));
    }

    @Test
    void aReplyLargerThanTheCapIsNotReadWhetherAnnouncedOrNot() throws InterruptedException {
        assertThat(call("/huge-chunked")).isEqualTo(new BoundedHttp.TooLarge(200, 1024 * 1024));
        assertThat(call("/huge-announced")).isEqualTo(new BoundedHttp.TooLarge(200, 1024 * 1024));
        assertThat(call("/ok")).as("the client still works").isInstanceOf(BoundedHttp.Answered.class);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
