package com.mallsync.ops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.ops.ConsoleClient;
import com.mallsync.ops.dlt.DltReplayer;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * The console against a real broker: outcomes counted, an order without an ERP outcome listed as overdue and
 * counted in the metric; an order's events each with their outcome per target (issue 13), an unanswered refund
 * overdue while an order the CRM skipped until its confirmation is awaiting, not overdue; lag of a group whose service has its breaker open diagnosed as a pause on purpose, a
 * service that does not answer shown as down, and a DLT "replay all" that does not replay twice, and a named record that does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ops.overdue-after=1s", "ops.probe-interval=500ms"})
class OpsConsoleIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();
    /** A stand-in for erp-sync's actuator: up, with its breaker open. member-sync has no actuator (down). */
    static final HttpServer ERP_SYNC = actuator("""
            {"circuitBreakers":{"erp":{"state":"OPEN"}}}""");

    static {
        BROKER.createTopics(3, Topics.ORDERS_PAID, Topics.ORDERS_OUTCOMES, Topics.MEMBER_SYNC_DLT, Topics.ERP_SYNC_DLT);
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("ops.services.erp-sync.url", () -> "http://127.0.0.1:" + ERP_SYNC.getAddress().getPort());
        registry.add("ops.services.member-sync.url", () -> "http://127.0.0.1:1");
        registry.add("ops.services.ingest.url", () -> "http://127.0.0.1:1");
        ConsoleClient.TEST_USERS.forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        ERP_SYNC.stop(0);
        BROKER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void showsOutcomesOverdueOrdersLagWithItsReasonAndReplaysTheDltRepeatably() throws Exception {
        String done = "222:" + UUID.randomUUID();
        String waiting = "222:" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, done, "{}")).get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, waiting, "{}")).get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, done, outcome(done, SyncTarget.CRM_2030, SyncStatus.SYNCED))).get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, done, outcome(done, SyncTarget.ERP, SyncStatus.SYNCED))).get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, waiting, outcome(waiting, SyncTarget.CRM_2030, SyncStatus.SYNCED))).get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, waiting, outcome(waiting, SyncTarget.ERP, SyncStatus.REJECTED))).get();
            ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.ERP_SYNC_DLT, waiting, "{\"orderNo\":\"x\"}");
            dead.headers().add("ce_id", "abc".getBytes(StandardCharsets.UTF_8));
            dead.headers().add("kafka_dlt-exception-message", "ERP said no".getBytes(StandardCharsets.UTF_8));
            producer.send(dead).get();
        }
        String late = "222:" + UUID.randomUUID();
        // issue 13: an order with three events, each with its outcome per target (the refund still waits at the CRM)
        String life = "222:" + UUID.randomUUID();
        // paid, the CRM waits for the confirmation: awaiting, not overdue
        String awaits = "222:" + UUID.randomUUID();
        // the ERP failed the sale, then REJECTED the return of line 5 (no sale): both on the DLT, both replayable
        String returned = "222:" + UUID.randomUUID();
        // issue 16: paid 61 days ago and never decided: older than the console's window (ops.window, 60 days), so
        // not read at all: neither overdue nor found
        String ancient = "222:" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, null,
                    Instant.now().minus(Duration.ofDays(61)).toEpochMilli(), ancient, "{}")).get();
            producer.send(new ProducerRecord<>(Topics.ORDERS_PAID, late, "{}")).get();
            producer.send(event(life, OrderEvent.PAID, null)).get();
            producer.send(event(life, OrderEvent.CONFIRMED, null)).get();
            producer.send(event(life, OrderEvent.REFUNDED, 7L)).get();
            producer.send(event(awaits, OrderEvent.PAID, null)).get();
            producer.send(event(returned, OrderEvent.PAID, null)).get();
            producer.send(event(returned, OrderEvent.REFUNDED, 5L)).get();
            for (String outcome : List.of(
                    outcome(life, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, null),
                    outcome(life, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, "uploads on CONFIRMED"),
                    outcome(life, OrderEvent.CONFIRMED, null, SyncTarget.ERP, SyncStatus.SKIPPED, "the ERP gets the sale at payment"),
                    outcome(life, OrderEvent.CONFIRMED, null, SyncTarget.CRM_2030, SyncStatus.SYNCED, null),
                    outcome(life, OrderEvent.REFUNDED, 7L, SyncTarget.ERP, SyncStatus.SYNCED, null),
                    outcome(awaits, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.SYNCED, null),
                    outcome(awaits, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, "uploads on CONFIRMED"),
                    outcome(returned, OrderEvent.PAID, null, SyncTarget.ERP, SyncStatus.FAILED, "ERP down"),
                    outcome(returned, OrderEvent.PAID, null, SyncTarget.CRM_2030, SyncStatus.SKIPPED, "uploads on CONFIRMED"),
                    outcome(returned, OrderEvent.REFUNDED, 5L, SyncTarget.ERP, SyncStatus.REJECTED, "the sale is not in the ERP"),
                    outcome(returned, OrderEvent.REFUNDED, 5L, SyncTarget.CRM_2030, SyncStatus.SKIPPED, "refunded before the upload"))) {
                String key = "222:" + Json.tree(outcome).get("orderNo").asString();
                producer.send(new ProducerRecord<>(Topics.ORDERS_OUTCOMES, key, outcome)).get();
            }
            // the DLT copies keep the source's headers (ce_type among them), as both services write them
            producer.send(deadLetter(event(returned, OrderEvent.PAID, null))).get();
            producer.send(deadLetter(event(returned, OrderEvent.REFUNDED, 5L))).get();
        }
        commitNothingFor(Topics.ERP_SYNC_GROUP);

        await().atMost(KafkaTestBroker.PATIENCE).untilAsserted(() -> {
            JsonNode summary = get("/api/summary");
            JsonNode erp = summary.get("outcomes").get("5m").get("ERP");
            assertThat(erp.get("SYNCED").asLong()).isEqualTo(4);
            assertThat(erp.get("REJECTED").asLong()).isEqualTo(2);
            assertThat(erp.get("FAILED").asLong()).isEqualTo(1);
            assertThat(erp.get("SKIPPED").asLong()).isEqualTo(1);
            JsonNode crm = summary.get("outcomes").get("5m").get("CRM_2030");
            assertThat(crm.get("SYNCED").asLong()).isEqualTo(3);
            assertThat(crm.get("SKIPPED").asLong()).isEqualTo(4);
            assertThat(summary.get("problems")).as("SKIPPED is no problem").hasSize(3);
            assertThat(summary.get("problems").toString()).doesNotContain("SKIPPED");
            assertThat(summary.get("problems").toString()).contains("\"reason\":\"because\"", "the sale is not in the ERP");
            // 'late' at both targets, the refund of line 7 at the CRM; the confirmed sale's own PAID SKIPPED at the
            // CRM and 'awaits' are no such thing
            JsonNode overdue = summary.get("overdue");
            assertThat(overdue.get("count").asInt()).as(overdue.toString()).isEqualTo(3);
            assertThat(overdue.get("byTarget").get("CRM_2030").asInt()).isEqualTo(2);
            assertThat(overdue.get("events").toString()).contains(late, life).doesNotContain(waiting, ancient)
                    .doesNotContain(awaits).contains("\"event\":\"REFUNDED\",\"line\":7,\"target\":\"CRM_2030\"");
            JsonNode awaiting = summary.get("awaiting");
            assertThat(awaiting.get("count").asInt()).as(awaiting.toString()).isEqualTo(2); // awaits, returned
            assertThat(awaiting.get("orders").toString()).contains(awaits, returned, "uploads on CONFIRMED")
                    .doesNotContain(life);

            JsonNode erpLag = lag(summary, Topics.ERP_SYNC_GROUP);
            assertThat(erpLag.get("lag").asLong()).isEqualTo(10); // every record, the ancient one too
            assertThat(erpLag.get("diagnosis").get("state").asString()).isEqualTo("PAUSED_BY_BREAKER");
            JsonNode memberLag = lag(summary, Topics.MEMBER_SYNC_GROUP);
            assertThat(memberLag.get("diagnosis").get("state").asString()).isEqualTo("DOWN");
            assertThat(summary.get("services").get("member-sync").get("reachable").asBoolean()).isFalse();
            assertThat(summary.get("dlts").toString()).contains("\"records\":3");
            assertThat(summary.get("ledger").get("window").asString()).isEqualTo("PT1440H");
        });
        JsonNode notFound = get("/api/orders?no=" + ancient.substring(4));
        assertThat(notFound.get("orders")).as(notFound.toString()).isEmpty();
        assertThat(notFound.get("window").asString()).isEqualTo("PT1440H");

        // the scrape endpoint is open (Prometheus has no login); everything else needs one
        assertThat(ConsoleClient.anonymous(port).get("/actuator/prometheus").body())
                .contains("ops_overdue_orders{target=\"ERP\"} 1.0")
                .contains("ops_overdue_orders{target=\"CRM_2030\"} 2.0")
                .contains("ops_overdue_events{target=\"CRM_2030\"} 2.0")
                .contains("ops_awaiting_confirmation_orders 2.0")
                .contains("ops_outcomes_total{status=\"SKIPPED\",target=\"CRM_2030\"} 4.0")
                .contains("ops_lag_state{group=\"erp-sync\",state=\"PAUSED_BY_BREAKER\"} 1.0")
                .contains("ops_dlt_records{topic=\"orders.paid.v1.erp-sync.dlt\"} 3.0");

        // the order view: each event and its outcome at each target
        JsonNode story = get("/api/orders?no=" + life.substring(4)).get("orders").get(0);
        assertThat(story.get("key").asString()).isEqualTo(life);
        assertThat(story.get("awaitingConfirmation").asBoolean()).isFalse();
        JsonNode events = story.get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("event").asString()).isEqualTo("PAID");
        assertThat(events.get(0).get("outcomes").get("CRM_2030").get("status").asString()).isEqualTo("SKIPPED");
        assertThat(events.get(0).get("outcomes").get("CRM_2030").get("reason").asString()).isEqualTo("uploads on CONFIRMED");
        assertThat(events.get(0).get("outcomes").get("ERP").get("externalRef").asString()).isEqualTo("ref");
        assertThat(events.get(1).get("event").asString()).isEqualTo("CONFIRMED");
        assertThat(events.get(1).get("outcomes").get("CRM_2030").get("status").asString()).isEqualTo("SYNCED");
        assertThat(events.get(1).get("outcomes").get("ERP").get("status").asString()).isEqualTo("SKIPPED");
        assertThat(events.get(2).get("event").asString()).isEqualTo("REFUNDED");
        assertThat(events.get(2).get("line").asLong()).isEqualTo(7);
        assertThat(events.get(2).get("eventId").asString())
                .isEqualTo(OrderEvent.REFUNDED.eventId(222, life.substring(4), 7L).toString());
        assertThat(events.get(2).get("outcomes").get("ERP").get("status").asString()).isEqualTo("SYNCED");
        assertThat(events.get(2).get("overdue").toString()).isEqualTo("[\"CRM_2030\"]");
        assertThat(story.get("steps").toString()).contains("\"event\":\"CONFIRMED\",\"line\":null,"
                + "\"replayedFrom\":null,\"kind\":\"published\"").contains("\"event\":\"REFUNDED\",\"line\":7,");
        assertThat(get("/api/orders?no=" + awaits).get("orders").get(0).get("awaitingConfirmation").asBoolean()).isTrue();
        assertThat(get("/api/awaiting").get("count").asInt()).isEqualTo(2);

        JsonNode dltRecords = get("/api/dlt").get("records").get(Topics.ERP_SYNC_DLT);
        assertThat(dltRecords.get(0).get("exception").asString()).isEqualTo("ERP said no");
        assertThat(dltRecords.toString()).contains("\"event\":\"REFUNDED\",\"line\":5");
        JsonNode first = post("/api/dlt/replay", "{\"all\":true,\"topics\":[\"" + Topics.ERP_SYNC_DLT + "\"]}");
        JsonNode again = post("/api/dlt/replay", "{\"all\":true}");
        JsonNode named = post("/api/dlt/replay", "{\"records\":[\"" + waiting + "\"],\"inDoubt\":\"resend\"}");
        assertThat(first.get("replayed").asInt()).as(first.toString()).isEqualTo(3); // waiting; returned's sale and return
        assertThat(first.get("failed").asInt()).isZero();
        assertThat(again.get("replayed").asInt()).as("all of it was replayed already: " + again).isZero();
        assertThat(again.get("skipped").get("ALREADY_REPLAYED").asInt()).isEqualTo(3);
        assertThat(named.get("replayed").asInt()).as("a named record is replayed again").isEqualTo(1);
        assertThat(post("/api/dlt/replay", "{\"records\":[\"222:nothing-like-this\"]}").get("replayed").asInt()).isZero();
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            var replayed = probe.awaitMatching(r -> r.key().equals(waiting), 3, KafkaTestBroker.PATIENCE);
            assertThat(replayed).hasSize(3); // the original, the "all" and the named replay
            var copy = replayed.get(1);
            assertThat(new String(copy.headers().lastHeader(RecordHeaders.REPLAY_IN_DOUBT).value(),
                    StandardCharsets.UTF_8)).isEqualTo(RecordHeaders.IN_DOUBT_HOLD);
            assertThat(new String(replayed.get(2).headers().lastHeader(RecordHeaders.REPLAY_IN_DOUBT).value(),
                    StandardCharsets.UTF_8)).isEqualTo(RecordHeaders.IN_DOUBT_RESEND);
            assertThat(copy.value()).isEqualTo("{\"orderNo\":\"x\"}");
            assertThat(new String(copy.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo("abc");
            assertThat(copy.headers().lastHeader("kafka_dlt-exception-message")).isNull();
            assertThat(copy.headers().lastHeader(DltReplayer.REPLAYED_FROM)).isNotNull();
        }
        try (TopicProbe probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID)) {
            var records = probe.awaitMatching(r -> r.key().equals(returned), 4, KafkaTestBroker.PATIENCE);
            // the original sale and return, then their replays: the sale first again
            assertThat(records).extracting(r -> new String(r.headers().lastHeader(CloudEvents.TYPE).value(),
                    StandardCharsets.UTF_8)).containsExactly(OrderEvent.PAID.ceType(), OrderEvent.REFUNDED.ceType(),
                    OrderEvent.PAID.ceType(), OrderEvent.REFUNDED.ceType());
            assertThat(records.get(3).headers().lastHeader(DltReplayer.REPLAYED_FROM)).isNotNull();
        }
        assertThat(text("/")).contains("ops console", "awaiting confirmation");
    }

    /** A record of one event of order {@code key} on orders.paid.v1, as ingest writes it (ce_id, ce_type, value). */
    private static ProducerRecord<String, String> event(String key, OrderEvent event, Long line) {
        String orderNo = key.substring(key.indexOf(':') + 1);
        UUID id = event.eventId(222, orderNo, line);
        String value = "{\"schemaVersion\":2,\"eventId\":\"" + id + "\",\"mallId\":222,\"orderNo\":\"" + orderNo
                + "\",\"event\":\"" + event + "\",\"line\":" + line + "}";
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDERS_PAID, key, value);
        record.headers().add(CloudEvents.ID, id.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEvents.TYPE, event.ceType().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEvents.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The ERP DLT copy of {@code source}: its key, value and headers, plus spring-kafka's error header. */
    private static ProducerRecord<String, String> deadLetter(ProducerRecord<String, String> source) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.ERP_SYNC_DLT, source.key(), source.value());
        source.headers().forEach(h -> dead.headers().add(h));
        dead.headers().add("kafka_dlt-exception-message", "refused".getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    private static String outcome(String key, OrderEvent event, Long line, SyncTarget target, SyncStatus status,
                                  String reason) {
        String orderNo = key.substring(key.indexOf(':') + 1);
        return Json.writeString(new SyncOutcome(event.eventId(222, orderNo, line), 222, orderNo, target, status,
                "ref", status == SyncStatus.SKIPPED ? 0 : 1, reason, Instant.now(), event, line));
    }

    private static JsonNode lag(JsonNode summary, String group) {
        for (JsonNode g : summary.get("lag")) {
            if (g.get("group").asString().equals(group)) {
                return g;
            }
        }
        throw new AssertionError("no lag row for " + group + ": " + summary.get("lag"));
    }

    /** A group that exists with committed offsets at 0: lag is every record on orders.paid.v1. */
    private static void commitNothingFor(String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            var partitions = consumer.partitionsFor(Topics.ORDERS_PAID).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> zero = new java.util.HashMap<>();
            partitions.forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
            consumer.commitSync(zero);
        }
    }

    private static String outcome(String key, SyncTarget target, SyncStatus status) {
        String[] parts = key.split(":", 2);
        return Json.writeString(new SyncOutcome(UUID.randomUUID(), Long.parseLong(parts[0]), parts[1], target, status,
                "ref", 1, status.delivered() ? null : "because", Instant.now()));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private JsonNode get(String path) {
        return ConsoleClient.ok(ConsoleClient.viewer(port).get(path));
    }

    private String text(String path) {
        HttpResponse<String> response = ConsoleClient.viewer(port).get(path);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode post(String path, String body) {
        return ConsoleClient.ok(ConsoleClient.operator(port).post(path, body));
    }

    private static HttpServer actuator(String breakers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/actuator/health", ex -> reply(ex, "{\"status\":\"UP\"}"));
            server.createContext("/actuator/circuitbreakers", ex -> reply(ex, breakers));
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
