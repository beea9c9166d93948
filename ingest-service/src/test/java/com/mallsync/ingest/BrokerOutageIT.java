package com.mallsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.mallsync.ingest.WebhookClient.Reply;
import com.mallsync.model.CloudEvents;
import com.mallsync.model.Topics;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker goes away: pushes are answered 503 within the configured timeout and nothing of them reaches the
 * topic later (no half-published record); the broker comes back at the same address: pushes are accepted again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "ingest.publish.timeout=3s"})
class BrokerOutageIT {

    static final int PORT = freePort();
    static KafkaTestBroker broker = startBroker();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + PORT);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void aStoppedBrokerGets503WithinTheTimeoutAndNothingPublishedThenAcceptsAgainWhenItIsBack() {
        WebhookClient client = new WebhookClient(port);
        assertThat(client.post(Pushes.signedSeedWithOrderNo("BEFORE-1", Pushes.SECRET)).status()).isEqualTo(200);

        broker.close();
        broker = null;

        String during = Pushes.signedSeedWithOrderNo("DURING-1", Pushes.SECRET);
        long start = System.nanoTime();
        Reply refused = client.post(during);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isNotZero();
        // 3 s configured; the bound is generous for a busy 2-core machine, but far below "hangs"
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(get("/actuator/health").status()).isEqualTo(503);
        // a refused push is forgotten by the duplicate check: a retry is not answered "duplicate"
        assertThat(client.post(during).status()).isEqualTo(503);

        broker = startBroker();

        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.ORDERS_PAID)) {
            // the refused pushes must not surface later from the producer's buffer
            assertThat(probe.settle(Duration.ofSeconds(8))).noneMatch(r -> r.key().equals("222:DURING-1"));

            await().atMost(KafkaTestBroker.PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> client.post(during).status() == 200);

            List<ConsumerRecord<String, String>> published = probe.awaitMatching(
                    r -> r.key().equals("222:DURING-1"), 1, KafkaTestBroker.PATIENCE);
            assertThat(published).isNotEmpty();
            // should a retry while the broker recovered have been written but not acknowledged, its copy carries
            // the same event id, which is what consumers deduplicate on
            assertThat(published).extracting(r -> new String(r.headers().lastHeader(CloudEvents.ID).value()))
                    .containsOnly(com.mallsync.model.event.OrderPaid.eventIdFor(222, "DURING-1").toString());
        }
        assertThat(client.post(Pushes.signedSeedWithOrderNo("AFTER-1", Pushes.SECRET)).status()).isEqualTo(200);
        await().atMost(KafkaTestBroker.PATIENCE).until(() -> get("/actuator/health").status() == 200);
    }

    private static KafkaTestBroker startBroker() {
        KafkaTestBroker started = KafkaTestBroker.startEmbeddedOnPort(PORT);
        started.createTopics(3, Topics.ORDERS_PAID);
        return started;
    }

    private Reply get(String path) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
