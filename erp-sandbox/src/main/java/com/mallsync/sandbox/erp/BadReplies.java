package com.mallsync.sandbox.erp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.net.httpserver.HttpExchange;

/**
 * Replies that break a client's assumptions about the body: one that stalls after the headers and part of the body
 * (a client relying on a headers-only timeout hangs for ever), and one of {@value #HUGE_BYTES} bytes.
 */
final class BadReplies {

    /** Size of the "huge body" reply: 10 MB. */
    static final int HUGE_BYTES = 10 * 1024 * 1024;

    private BadReplies() {
    }

    /**
     * HTTP 200 announcing {@code reply}'s length, then half of it, then nothing for {@code stallMs}; then the
     * connection is closed with the body incomplete.
     */
    static void stallMidBody(HttpExchange exchange, String reply, long stallMs) throws IOException {
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        try {
            Thread.sleep(stallMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close(); // short of the announced length: the client sees a truncated body, if it still waits
    }

    /** HTTP 200 with {@value #HUGE_BYTES} bytes of JSON, chunked (no Content-Length to refuse it by). */
    static void huge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"Code\":\"0\",\"Message\":\"".getBytes(StandardCharsets.UTF_8));
            for (int written = 0; written < HUGE_BYTES; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client stopped reading (as it should): nothing more to do
        }
    }
}
