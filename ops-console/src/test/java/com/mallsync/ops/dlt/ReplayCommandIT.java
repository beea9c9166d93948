package com.mallsync.ops.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.mallsync.model.Topics;
import com.mallsync.ops.OpsConsoleApplication;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;

/** {@code ops-console.jar replay-dlt}: no web server, replays the chosen record, exits 0; "all" must be said. */
class ReplayCommandIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(2, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT, Topics.ERP_SYNC_DLT);
    }

    @AfterAll
    static void stop() {
        BROKER.close();
    }

    @Test
    void theReplayCommandRunsWithoutTheWebServerAndReplaysOnlyTheChosenRecord() throws Exception {
        String chosen = "222:" + UUID.randomUUID();
        String other = "222:" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.MEMBER_SYNC_DLT, other, "{\"orderNo\":\"other\"}")).get();
            producer.send(new ProducerRecord<>(Topics.MEMBER_SYNC_DLT, chosen, "{\"orderNo\":\"cmd\"}")).get();
        }
        var context = new SpringApplicationBuilder(OpsConsoleApplication.class).web(WebApplicationType.NONE)
                .profiles(ReplayCommand.NAME)
                .run(ReplayCommand.NAME, "--topic=" + Topics.MEMBER_SYNC_DLT, "--records=" + chosen,
                        "--spring.kafka.bootstrap-servers=" + BROKER.bootstrapServers());
        assertThat(SpringApplication.exit(context)).isZero();
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            var replayed = probe.awaitMatching(r -> r.key().equals(chosen), 1, KafkaTestBroker.PATIENCE);
            assertThat(replayed).hasSize(1);
            assertThat(new String(replayed.get(0).headers().lastHeader(DltReplayer.REPLAYED_FROM).value(),
                    StandardCharsets.UTF_8)).startsWith(Topics.MEMBER_SYNC_DLT + "/");
            assertThat(probe.poll()).noneMatch(r -> r.key().equals(other));
        }
    }

    @Test
    void theReplayCommandWithoutAllOrRecordsReplaysNothingAndExitsTwo() {
        var context = new SpringApplicationBuilder(OpsConsoleApplication.class).web(WebApplicationType.NONE)
                .profiles(ReplayCommand.NAME)
                .run(ReplayCommand.NAME, "--topic=" + Topics.MEMBER_SYNC_DLT,
                        "--spring.kafka.bootstrap-servers=" + BROKER.bootstrapServers());
        assertThat(SpringApplication.exit(context)).isEqualTo(2);
    }
}
