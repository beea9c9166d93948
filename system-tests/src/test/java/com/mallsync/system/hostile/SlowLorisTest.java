package com.mallsync.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowLorisTest {

    private final ExecutorService server = Executors.newCachedThreadPool();
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket socket;

    @AfterEach
    void close() throws IOException {
        server.shutdownNow();
        for (Socket s : accepted) {
            s.close();
        }
        socket.close();
    }

    @Test
    void aServerThatTimesOutTheStalledRequestIsSeenAnsweringWithItsStatus() throws IOException {
        // answers 408 once the client has been quiet for 500 ms, like a server with a read timeout
        String url = serve(client -> {
            client.setSoTimeout(500);
            InputStream in = client.getInputStream();
            try {
                while (in.read() >= 0) {
                    // reading until the client goes quiet
                }
            } catch (java.net.SocketTimeoutException quiet) {
                client.getOutputStream().write(
                        "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        });

        String ending = new SlowLoris(url, Duration.ofSeconds(10)).one(SlowLoris.Mode.STALL_BODY, body());

        assertThat(ending).isEqualTo("408");
    }

    @Test
    void aServerThatCutsTheConnectionIsSeenClosingIt() throws IOException {
        String url = serve(Socket::close);

        assertThat(new SlowLoris(url, Duration.ofSeconds(10)).one(SlowLoris.Mode.STALL_HEADERS, body()))
                .isEqualTo("closed");
    }

    @Test
    void aServerThatWaitsForeverIsReportedHeldWhenTheClientGivesUp() throws IOException {
        String url = serve(client -> {
            // never answers
        });

        assertThat(new SlowLoris(url, Duration.ofSeconds(2)).one(SlowLoris.Mode.DRIP_BODY, body()))
                .isEqualTo("held");
    }

    private static byte[] body() {
        return "{\"order_no\":\"1\",\"padding\":\"xxxxxxxxxxxxxxxxxxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);
    }

    interface Handler {
        void handle(Socket client) throws IOException;
    }

    private String serve(Handler handler) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.submit(() -> {
            while (!socket.isClosed()) {
                Socket client = socket.accept();
                synchronized (accepted) {
                    accepted.add(client);
                }
                server.submit(() -> {
                    handler.handle(client);
                    return null;
                });
            }
            return null;
        });
        return "http://127.0.0.1:" + socket.getLocalPort() + "/webhooks/mall/orders";
    }
}
