package com.mallsync.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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
 * The benchmark's pass-through, switched on: any body, checked for nothing, becomes one record of exactly those
 * bytes on the pass-through topic once the broker acknowledged it, and nothing reaches {@code orders.paid.v1}.
 * (Off by default: {@code WebhookContractIT} finds no such endpoint.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.bench.pass-through-topic=" + PassThroughIT.TOPIC})
class PassThroughIT {

    static final String TOPIC = "bench.pass-through.test";
    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(3, Topics.ORDERS_PAID, TOPIC);
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

    @Test
    void aBodyThatIsNoOrderAtAllBecomesOneRecordOfTheSameBytesAndNothingElse() throws Exception {
        String body = "not an order, not even JSON " + System.nanoTime();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + PassThroughController.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        try (TopicProbe bench = new TopicProbe(BROKER.bootstrapServers(), TOPIC);
             TopicProbe paid = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            List<ConsumerRecord<String, String>> records = bench.awaitMatching(r -> body.equals(r.value()), 1,
                    KafkaTestBroker.PATIENCE);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).value().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            assertThat(bench.settle(Duration.ofSeconds(1))).hasSize(1);
            assertThat(paid.settle(Duration.ofSeconds(1))).isEmpty();
        }
    }
}
