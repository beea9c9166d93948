package com.mallsync.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mallsync.model.Topics;
import com.mallsync.testsupport.TopicProbe;

/**
 * The stack's broker is a real Kafka process from the kafka_2.13 jars: it formats, starts, gets the topics with the
 * planned partitions, survives a restart with its data, and is gone after close (no orphan process).
 */
class BrokerProcessIT {

    @TempDir
    Path data;

    @Test
    void brokerProcessStartsWithTheTopicsKeepsDataAcrossARestartAndStopsOnClose() throws Exception {
        StackLayout layout = StackLayout.locate(Path.of("")).withDataDir(data);
        StackOptions options = StackOptions.builder(layout).ports(StackPorts.random())
                .components(EnumSet.of(Component.KAFKA)).build();
        long pid;
        try (LocalStack stack = LocalStack.start(options)) {
            pid = stack.broker().pid().orElseThrow();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(Set.of(Topics.ORDERS_PAID,
                        Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT, Topics.ERP_SYNC_DLT)).allTopicNames()
                        .get(30, TimeUnit.SECONDS);
                int source = topics.get(Topics.ORDERS_PAID).partitions().size();
                assertThat(source).isEqualTo(6);
                // DeadLetterPublishingRecoverer writes to the source's partition number
                assertThat(topics.get(Topics.MEMBER_SYNC_DLT).partitions()).hasSize(source);
                assertThat(topics.get(Topics.ERP_SYNC_DLT).partitions()).hasSize(source);
            }
            send(stack.bootstrapServers(), "222:before-restart");

            stack.restartBroker(Duration.ofMinutes(2));

            assertThat(stack.broker().pid()).isPresent().get().isNotEqualTo(pid);
            try (TopicProbe probe = new TopicProbe(stack.bootstrapServers(), Topics.ORDERS_PAID)) {
                assertThat(probe.awaitMatching(r -> r.key().equals("222:before-restart"), 1, Duration.ofSeconds(60)))
                        .hasSize(1);
            }
            pid = stack.broker().pid().orElseThrow();
            assertThat(Files.readString(stack.broker().logFile())).contains("Kafka Server started");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void missingBuildOutputIsReportedByName() {
        StackLayout layout = StackLayout.locate(Path.of("")).withDataDir(data);
        StackLayout nowhere = new StackLayout(data, data.resolve(".local"));
        assertThatThrownBy(() -> LocalStack.start(StackOptions.builder(nowhere).ports(StackPorts.random()).build()))
                .hasMessageContaining("build output missing").hasMessageContaining("ingest-service");
        assertThat(layout.jar(Component.CRM_SANDBOX).getFileName().toString()).endsWith("-exec.jar");
        assertThat(layout.jar(Component.INGEST).getFileName().toString())
                .isEqualTo("ingest-service-" + StackLayout.VERSION + ".jar");
    }

    private static void send(String bootstrap, String key) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, key, "{}")).get(30, TimeUnit.SECONDS);
        }
    }
}
