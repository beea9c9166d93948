package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * erp-sync's hand-built consumers (the poll loop's, the synced ledger's, the outcome index's) and its producer
 * show their Kafka client metrics on {@code /actuator/prometheus}.
 */
class KafkaClientMetricsIT {

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        service = ItSupport.service(broker, sandbox, Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        sandbox.close();
        broker.close();
    }

    @Test
    void everyClientsMetricsAreOnThePrometheusPage() throws Exception {
        OrderPaid order = ItSupport.order("METRICS-1");
        try (KafkaProducer<String, String> producer = ItSupport.producer(broker)) {
            ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(order));
        }
        ItSupport.awaitOutcome(broker, order);
        String port = service.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .build();

        await().atMost(KafkaTestBroker.PATIENCE).untilAsserted(() -> {
            String page = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("kafka_consumer_fetch_manager_records_consumed_total")
                    .contains("kafka_producer_record_send_total");
            // one consumer of each kind, told apart by client id
            assertThat(page).containsPattern("kafka_consumer_[a-z_]+\\{[^}]*client_id=\"erp-sync-ledger-")
                    .containsPattern("kafka_consumer_[a-z_]+\\{[^}]*client_id=\"outcome-index-erp-")
                    .containsPattern("kafka_consumer_coordinator_[a-z_]+\\{[^}]*client_id=\"[^\"]+\"");
        });
    }
}
