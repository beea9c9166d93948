package com.mallsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaTestBrokerIT {

    @Test
    void aStartedBrokerTakesRecordsAndTheProbeReadsThemBack() throws Exception {
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            broker.createTopics(3, "probe.test");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("probe.test", "k" + i, "v" + i)).get();
                }
            }
            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), "probe.test")) {
                assertThat(probe.awaitMatching(r -> true, 5, Duration.ofSeconds(30)))
                        .extracting(r -> r.value())
                        .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
                assertThat(probe.settle(Duration.ofMillis(500))).hasSize(5);
            }
        }
    }

    @Test
    void withoutADockerEngineTheAutomaticChoiceIsTheEmbeddedBroker() {
        // This machine and CI have the docker client but no engine; where one answers, this test says nothing.
        if (!KafkaTestBroker.dockerAnswers()) {
            try (KafkaTestBroker broker = KafkaTestBroker.start()) {
                assertThat(broker).isInstanceOf(EmbeddedBroker.class);
            }
        }
    }
}
