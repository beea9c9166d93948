package com.mallsync.system.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Slow-loris style requests over raw sockets: the client announces a body and then stalls, or trickles it one byte
 * a second, or never finishes its headers. Each connection ends as the server's reply status, {@code closed}
 * (the server cut it without a reply) or {@code held} (still open when the client gave up at its deadline).
 */
public final class SlowLoris {

    /** How a connection misbehaves. */
    public enum Mode { STALL_BODY, DRIP_BODY, STALL_HEADERS }

    private final URI endpoint;
    private final Duration deadline;

    /** @param deadline how long the client keeps a connection before giving up */
    public SlowLoris(String webhookUrl, Duration deadline) {
        this.endpoint = URI.create(webhookUrl);
        this.deadline = deadline;
    }

    /** Opens {@code perMode} connections of each mode at once; returns their endings when all are over. */
    public List<String> run(byte[] validBody, int perMode) {
        int n = perMode * Mode.values().length;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> endings = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                for (int i = 0; i < perMode; i++) {
                    endings.add(pool.submit(() -> one(mode, validBody)));
                }
            }
            List<String> result = new ArrayList<>();
            for (Future<String> f : endings) {
                result.add(f.get());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("slow-loris run failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    String one(Mode mode, byte[] body) {
        long end = System.nanoTime() + deadline.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String headers = "POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":"
                    + endpoint.getPort() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n";
            byte[] head = headers.getBytes(StandardCharsets.US_ASCII);
            switch (mode) {
                case STALL_HEADERS -> out.write(head, 0, head.length / 2);
                case STALL_BODY, DRIP_BODY -> {
                    out.write(head);
                    out.write(body, 0, body.length / 2);
                }
            }
            out.flush();
            int sent = body.length / 2;
            while (System.nanoTime() < end) {
                socket.setSoTimeout(1_000);
                try {
                    int first = in.read();
                    if (first < 0) {
                        return "closed";
                    }
                    return status(first, in);
                } catch (SocketTimeoutException quiet) {
                    if (mode == Mode.DRIP_BODY && sent < body.length - 1) {
                        try {
                            out.write(body[sent++]);
                            out.flush();
                        } catch (IOException cut) {
                            return "closed";
                        }
                    }
                }
            }
            return "held";
        } catch (IOException e) {
            return "closed";
        }
    }

    private static String status(int first, InputStream in) throws IOException {
        StringBuilder line = new StringBuilder().append((char) first);
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ");
        return parts.length >= 2 && parts[1].matches("\\d{3}") ? parts[1] : "garbled: " + line.toString().trim();
    }
}
