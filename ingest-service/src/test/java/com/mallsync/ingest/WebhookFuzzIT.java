package com.mallsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.ingest.WebhookClient.Reply;
import com.mallsync.model.Topics;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * More than a thousand malformed or hostile bodies: none may produce a 5xx, none may be accepted, every refusal is
 * a JSON reply with a non-zero code, and not one record reaches the topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "logging.level.com.mallsync.ingest.webhook=WARN"})
class WebhookFuzzIT {

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

    @Test
    void noHostileBodyGetsA5xxOrIsAcceptedAndNothingIsPublished() {
        List<HostileBodies.Body> bodies = HostileBodies.all();
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(1_000);
        WebhookClient client = new WebhookClient(port);
        org.slf4j.LoggerFactory.getLogger(WebhookFuzzIT.class).info("posting {} hostile bodies", bodies.size());

        List<String> wrong = new ArrayList<>();
        for (HostileBodies.Body body : bodies) {
            Reply reply = client.post(body.bytes());
            if (reply.status() >= 500 || reply.status() < 400) {
                wrong.add(body.label() + " -> " + reply.status() + " " + abbreviate(reply.body()));
                continue;
            }
            if (reply.code() == 0) {
                wrong.add(body.label() + " -> code 0 " + abbreviate(reply.body()));
            }
            if ((reply.status() == 400 || reply.status() == 413) && reply.field() == null) {
                wrong.add(body.label() + " -> no field named " + abbreviate(reply.body()));
            }
        }

        assertThat(wrong).as("bodies answered wrongly").isEmpty();
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            assertThat(probe.settle(Duration.ofSeconds(3))).isEmpty();
        }
        // the service is still well after all that
        assertThat(client.post(Pushes.signedSeedWithOrderNo("AFTER-FUZZ", Pushes.SECRET)).status()).isEqualTo(200);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
