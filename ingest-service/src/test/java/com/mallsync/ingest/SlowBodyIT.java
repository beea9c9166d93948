package com.mallsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mallsync.ingest.WebhookClient.Reply;
import com.mallsync.model.Topics;
import com.mallsync.testsupport.KafkaTestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The body is read without holding a request thread, within {@code ingest.request.body-deadline}: with only 8
 * request threads, 40 clients trickling their bodies do not stop a valid push, and each trickler gets 408 at the
 * deadline. (A blocking read holds a thread per trickler, so 8 would take all 8: reasoned, not measured here.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "ingest.request.body-deadline=3s",
        "server.tomcat.threads.max=8",
        "server.tomcat.connection-timeout=2s"})
class SlowBodyIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(3, Topics.ORDERS_PAID);
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @LocalServerPort
    int port;

    /**
     * The push journal (the console's order story) sits on the same path: it must neither switch the non-blocking
     * read off nor miss a push answered through it, and the mall must still get its reply.
     */
    @Test
    void aPushReadWithoutAThreadIsJournaledWithTheAnswerTheMallGot() throws Exception {
        Reply reply = new WebhookClient(port).post(Pushes.signedSeedWithOrderNo("JOURNAL-1", Pushes.SECRET));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.code()).isZero();

        HttpResponse<String> pushes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/pushes?order=222:JOURNAL-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushes.statusCode()).isEqualTo(200);
        assertThat(pushes.body()).contains("222:JOURNAL-1").contains("\"status\":200").contains("\"code\":0");
    }

    @Test
    void fortyBodyTricklersDoNotTakeTheEightThreadsAndEachGets408AtTheDeadline() throws Exception {
        byte[] body = Pushes.signedSeedWithOrderNo("SLOW-1", Pushes.SECRET).getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> tricklers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tricklers.add(pool.submit(() -> trickle(body, 500)));
            }
            Thread.sleep(1_000); // all connected and trickling

            long start = System.nanoTime();
            Reply valid = new WebhookClient(port).post(Pushes.signedSeedWithOrderNo("FAST-1", Pushes.SECRET));
            long validMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(valid.status()).as(valid.body()).isEqualTo(200);
            assertThat(validMs).as("valid push answered while 40 trickle, ms").isLessThan(2_500);
            for (Future<String> f : tricklers) {
                assertThat(f.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 408").contains("\"code\":40801");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyThatGoesSilentIsCut() throws Exception {
        byte[] body = Pushes.signedSeedWithOrderNo("SLOW-2", Pushes.SECRET).getBytes(StandardCharsets.UTF_8);
        String ending = trickle(body, 60_000); // sends half, then nothing

        assertThat(ending).satisfiesAnyOf(e -> assertThat(e).isEqualTo("closed"),
                e -> assertThat(e).startsWith("HTTP/1.1 408"));
    }

    /** Headers and half the body, then one byte every {@code everyMs}: the server's reply, or "closed". */
    private String trickle(byte[] body, int everyMs) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /webhooks/mall/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int sent = body.length / 2;
            out.write(body, 0, sent);
            out.flush();
            socket.setSoTimeout(Math.min(everyMs, 10_000));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) {
                try {
                    byte[] reply = in.readAllBytes();
                    return reply.length == 0 ? "closed" : new String(reply, StandardCharsets.UTF_8);
                } catch (SocketTimeoutException quiet) {
                    if (sent < body.length - 1) {
                        try {
                            out.write(body[sent++]);
                            out.flush();
                        } catch (IOException cut) {
                            return "closed";
                        }
                    }
                } catch (IOException reset) {
                    return "closed";
                }
            }
            return "held";
        }
    }
}
