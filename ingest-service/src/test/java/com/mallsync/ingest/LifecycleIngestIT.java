package com.mallsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mallsync.ingest.WebhookClient.Reply;
import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import com.mallsync.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An order's life through ingest (ARCHITECTURE.md "Order lifecycle"), over real HTTP against a real broker: each
 * fact a push shows becomes one record on {@code orders.paid.v1}, once, in the contract's order, with its own
 * {@code ce_type} and an {@code eventId} derived from (mall, order, fact[, line]).
 *
 * <p>The states are the seed's push with its state fields moved as MALL-FIELDS.md "Payment and state" reads them:
 * confirmed is {@code "is_confirm": 1} (seed: {@code "is_confirm": 0, "confirm_time": "0000-00-00 00:00:00"}),
 * cancelled {@code "cancel_status": 1} (seed: {@code "cancel_status": 0, "cancel_time": "0000-00-00 00:00:00"}), a
 * line refunded {@code "is_refund": 1} and {@code "refund_status": 2} (seed's line {@code "id": 496877}:
 * {@code "is_refund": 0, "refund_status": 0}). A mall that pushes at each change shows everything so far.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET})
class LifecycleIngestIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();
    static final long SEED_LINE = 496877L;

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
    @Autowired
    MeterRegistry meters;

    WebhookClient client;
    TopicProbe probe;

    @BeforeEach
    void setUp() {
        client = new WebhookClient(port);
        probe = new TopicProbe(BROKER.bootstrapServers(), Topics.ORDERS_PAID);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    @Test
    void paidThenConfirmedThenALineRefundedThenCancelledEachPushedTwicePublishEachFactOnceInOrder() {
        String paid = Pushes.withOrderNo(Seeds.mallOrderPush(), "LIFE-1");
        String confirmed = confirmed(paid);
        String refunded = refunded(confirmed);
        String cancelled = cancelled(refunded);

        List<Reply> replies = new ArrayList<>();
        for (String state : List.of(paid, confirmed, refunded, cancelled)) {
            replies.add(client.post(Pushes.sign(state, Pushes.SECRET)));
            replies.add(client.post(Pushes.sign(state, Pushes.SECRET)));
        }

        UUID paidId = OrderEvent.PAID.eventId(222, "LIFE-1", null);
        assertAccepted(replies.get(0), "PAID");
        assertAccepted(replies.get(2), "CONFIRMED");
        assertAccepted(replies.get(4), "REFUNDED");
        assertThat(replies.get(4).json().get("refundedLines").get(0).asLong()).isEqualTo(SEED_LINE);
        assertAccepted(replies.get(6), "CANCELLED");
        for (int second = 1; second < 8; second += 2) {
            Reply repeat = replies.get(second);
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.msg()).startsWith("duplicate");
            assertThat(repeat.json().has("events")).isFalse();
            assertThat(repeat.json().has("contradictions")).isFalse();
        }
        assertThat(replies).allSatisfy(r -> assertThat(r.json().get("eventId").asString())
                .isEqualTo(paidId.toString()));

        List<ConsumerRecord<String, String>> records = recordsOf("LIFE-1", 4);
        assertThat(records).extracting(r -> header(r, CloudEvents.TYPE)).containsExactly("mall.order.paid.v1",
                "mall.order.confirmed.v1", "mall.order.refunded.v1", "mall.order.cancelled.v1");
        assertThat(records).extracting(r -> header(r, CloudEvents.ID)).containsExactly(
                paidId.toString(),
                OrderEvent.CONFIRMED.eventId(222, "LIFE-1", null).toString(),
                OrderEvent.REFUNDED.eventId(222, "LIFE-1", SEED_LINE).toString(),
                OrderEvent.CANCELLED.eventId(222, "LIFE-1", null).toString());
        List<OrderPaid> events = records.stream().map(r -> Json.read(r.value(), OrderPaid.class)).toList();
        assertThat(events).extracting(OrderPaid::event).containsExactly(OrderEvent.PAID, OrderEvent.CONFIRMED,
                OrderEvent.REFUNDED, OrderEvent.CANCELLED);
        assertThat(events).extracting(OrderPaid::line).containsExactly(null, null, SEED_LINE, null);
        for (int i = 0; i < records.size(); i++) {
            assertThat(events.get(i).eventId().toString()).isEqualTo(header(records.get(i), CloudEvents.ID));
            assertThat(events.get(i).schemaVersion()).isEqualTo(OrderPaid.SCHEMA_VERSION);
        }
        // each event carries the order as that push showed it: the REFUNDED one has the line refunded, the
        // CANCELLED one "cancel_time" read as Asia/Shanghai
        assertThat(events.get(0).lifecycle().confirmed()).isFalse();
        assertThat(events.get(1).lifecycle().confirmed()).isTrue();
        assertThat(events.get(2).refundedLine()).hasValueSatisfying(l -> assertThat(l.refundedLine()).isTrue());
        assertThat(events.get(3).lifecycle().cancelledAt()).hasToString("2025-03-29T09:00+08:00");
        assertThat(probe.settle(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals("222:LIFE-1")))
                .hasSize(4);
    }

    @Test
    void aFirstPushShowingEveryFactYieldsThemInTheContractsOrderWithRefundsInDetailOrder() {
        // two lines, the second added before the seed's: "id": 496878 first in "detail", then "id": 496877
        ObjectNode push = (ObjectNode) Json.tree(cancelled(refunded(confirmed(
                Pushes.withOrderNo(Seeds.mallOrderPush(), "LIFE-ALL")))));
        ArrayNode detail = (ArrayNode) push.get("detail");
        ObjectNode other = (ObjectNode) detail.get(0).deepCopy();
        other.put("id", 496878);
        detail.insert(0, other);
        push.put("total_goods_price", "2.00").put("total_goods_original_price", "2.00").put("total_price", "4.00")
                .put("total_pay_price", "4.00");

        Reply reply = client.post(sign(push));

        assertThat(reply.msg()).isEqualTo("accepted");
        assertThat(texts(reply.json().get("events"))).containsExactly("PAID", "CONFIRMED", "REFUNDED", "REFUNDED",
                "CANCELLED");
        assertThat(reply.json().get("refundedLines").get(0).asLong()).isEqualTo(496878L);
        assertThat(reply.json().get("refundedLines").get(1).asLong()).isEqualTo(SEED_LINE);
        List<ConsumerRecord<String, String>> records = recordsOf("LIFE-ALL", 5);
        assertThat(records).extracting(r -> header(r, CloudEvents.ID)).containsExactly(
                OrderEvent.PAID.eventId(222, "LIFE-ALL", null).toString(),
                OrderEvent.CONFIRMED.eventId(222, "LIFE-ALL", null).toString(),
                OrderEvent.REFUNDED.eventId(222, "LIFE-ALL", 496878L).toString(),
                OrderEvent.REFUNDED.eventId(222, "LIFE-ALL", SEED_LINE).toString(),
                OrderEvent.CANCELLED.eventId(222, "LIFE-ALL", null).toString());
        assertThat(records).extracting(r -> r.partition()).containsOnly(records.get(0).partition());
    }

    @Test
    void contradictoryPushesAreAnswered200PublishNothingNewAndAreCounted() {
        double withdrawn = contradictions("withdrawn", "CANCELLED");
        double unknownLine = contradictions("unknown_line", "REFUNDED");
        double unpaid = contradictions("unpaid", "CONFIRMED");
        String paid = Pushes.withOrderNo(Seeds.mallOrderPush(), "CONTRA-1");
        assertAccepted(client.post(Pushes.sign(cancelled(paid), Pushes.SECRET)), "PAID", "CANCELLED");

        // cancelled, then a later push ("updated_at" after it) with "cancel_status": 0 again: the cancellation stays,
        // nothing is published
        Reply uncancelled = client.post(Pushes.sign(Pushes.replaceOnce(paid, "\"updated_at\": \"2025-03-20 16:58:12\"",
                "\"updated_at\": \"2025-03-30 12:00:00\""), Pushes.SECRET));
        // a refund of "id": 999, a line the order did not have when first seen here
        Reply strangeLine = client.post(Pushes.sign(Pushes.replaceOnce(cancelled(refunded(paid)),
                "\"id\": " + SEED_LINE, "\"id\": 999"), Pushes.SECRET));
        // "is_pay": 0 with "is_confirm": 1: a fact of an order never paid
        Reply unpaidConfirmed = client.post(Pushes.sign(Pushes.replaceOnce(confirmed(
                Pushes.withOrderNo(Seeds.mallOrderPush(), "CONTRA-UNPAID")), "\"is_pay\": 1", "\"is_pay\": 0"),
                Pushes.SECRET));

        for (Reply reply : List.of(uncancelled, strangeLine, unpaidConfirmed)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.code()).isZero();
            assertThat(reply.json().has("events")).isFalse();
        }
        assertThat(uncancelled.msg()).startsWith("duplicate");
        assertThat(texts(uncancelled.json().get("contradictions"))).singleElement().asString()
                .startsWith("CANCELLED was accepted from an earlier push");
        assertThat(strangeLine.msg()).startsWith("duplicate");
        assertThat(texts(strangeLine.json().get("contradictions"))).singleElement().asString()
                .startsWith("REFUNDED line 999 is not a line of the order");
        assertThat(unpaidConfirmed.msg()).startsWith("ignored");
        assertThat(texts(unpaidConfirmed.json().get("contradictions"))).containsExactly(
                "CONFIRMED shown while is_pay is 0; not published");
        assertThat(contradictions("withdrawn", "CANCELLED") - withdrawn).isEqualTo(1.0);
        assertThat(contradictions("unknown_line", "REFUNDED") - unknownLine).isEqualTo(1.0);
        assertThat(contradictions("unpaid", "CONFIRMED") - unpaid).isEqualTo(1.0);
        List<ConsumerRecord<String, String>> all = probe.settle(Duration.ofSeconds(2));
        assertThat(all.stream().filter(r -> r.key().equals("222:CONTRA-1"))).hasSize(2);
        assertThat(all).noneMatch(r -> r.key().equals("222:CONTRA-UNPAID"));
        assertThat(prometheus())
                .contains("ingest_contradictions_total{event=\"CANCELLED\",kind=\"withdrawn\"");
    }

    @Test
    void concurrentPushesOfOneOrdersStatesPublishEachFactOnceAndInOrder() throws Exception {
        double withdrawn = contradictions("withdrawn", "CONFIRMED");
        String paid = Pushes.withOrderNo(Seeds.mallOrderPush(), "LIFE-CONCURRENT");
        String confirmed = Pushes.sign(confirmed(paid), Pushes.SECRET);
        String signedPaid = Pushes.sign(paid, Pushes.SECRET);
        List<Callable<Reply>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = i % 2 == 0 ? signedPaid : confirmed;
            posts.add(() -> client.post(body));
        }
        Collections.shuffle(posts);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Reply> replies = new ArrayList<>();
        try {
            for (Future<Reply> future : pool.invokeAll(posts)) {
                replies.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<String> published = replies.stream().filter(r -> r.msg().equals("accepted"))
                .flatMap(r -> texts(r.json().get("events")).stream()).toList();
        assertThat(published).containsExactlyInAnyOrder("PAID", "CONFIRMED");
        List<ConsumerRecord<String, String>> records = recordsOf("LIFE-CONCURRENT", 2);
        assertThat(records).extracting(r -> header(r, CloudEvents.TYPE))
                .containsExactly("mall.order.paid.v1", "mall.order.confirmed.v1");
        assertThat(probe.settle(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals("222:LIFE-CONCURRENT")))
                .hasSize(2);
        // a paid push handled after the confirmed one is an older state ("updated_at" before it), not a withdrawal
        assertThat(contradictions("withdrawn", "CONFIRMED")).isEqualTo(withdrawn);
    }

    @Test
    void aRestartedIngestThatPublishesAFactAgainGivesItTheSameEventId() {
        String confirmed = Pushes.sign(confirmed(Pushes.withOrderNo(Seeds.mallOrderPush(), "LIFE-RESTART")),
                Pushes.SECRET);
        assertAccepted(client.post(confirmed), "PAID", "CONFIRMED");
        List<String> before = recordsOf("LIFE-RESTART", 2).stream().map(r -> header(r, CloudEvents.ID)).toList();

        // a new instance (or this one after a restart) has no memory of the order: it publishes both facts again
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(IngestApplication.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + BROKER.bootstrapServers(),
                "--ingest.malls.222.secret=" + Pushes.SECRET)) {
            WebhookClient other = new WebhookClient(
                    Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port")));
            assertAccepted(other.post(confirmed), "PAID", "CONFIRMED");
        }

        List<String> after = recordsOf("LIFE-RESTART", 4).stream().map(r -> header(r, CloudEvents.ID)).toList();
        assertThat(after).hasSize(4);
        // the copies carry the ids the consumers already decided: they drop them
        assertThat(after.subList(2, 4)).isEqualTo(before);
        assertThat(before).containsExactly(OrderEvent.PAID.eventId(222, "LIFE-RESTART", null).toString(),
                OrderEvent.CONFIRMED.eventId(222, "LIFE-RESTART", null).toString());
    }

    /** {@code "is_confirm": 1}, {@code confirm_time} and {@code updated_at} moved to the confirmation. */
    static String confirmed(String push) {
        String out = Pushes.replaceOnce(push, "\"is_confirm\": 0", "\"is_confirm\": 1");
        out = Pushes.replaceOnce(out, "\"confirm_time\": \"0000-00-00 00:00:00\"",
                "\"confirm_time\": \"2025-03-27 10:00:00\"");
        return Pushes.replaceOnce(out, "\"updated_at\": \"2025-03-20 16:58:12\"",
                "\"updated_at\": \"2025-03-27 10:00:00\"");
    }

    /** The seed's line refunded: {@code "is_refund": 1}, {@code "refund_status": 2}. */
    static String refunded(String push) {
        String out = Pushes.replaceOnce(push, "\"is_refund\": 0", "\"is_refund\": 1");
        return Pushes.replaceOnce(out, "\"refund_status\": 0", "\"refund_status\": 2");
    }

    /** {@code "cancel_status": 1}, {@code "cancel_time": "2025-03-29 09:00:00"}. */
    static String cancelled(String push) {
        String out = Pushes.replaceOnce(push, "\"cancel_status\": 0", "\"cancel_status\": 1");
        return Pushes.replaceOnce(out, "\"cancel_time\": \"0000-00-00 00:00:00\"",
                "\"cancel_time\": \"2025-03-29 09:00:00\"");
    }

    private static String sign(ObjectNode push) {
        String body = Json.mapper().writeValueAsString(push);
        push.put("app_sign", SortedMd5Signature.sign(body.getBytes(StandardCharsets.UTF_8), Pushes.SECRET));
        return Json.mapper().writeValueAsString(push);
    }

    private static void assertAccepted(Reply reply, String... events) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.msg()).isEqualTo("accepted");
        assertThat(texts(reply.json().get("events"))).containsExactly(events);
    }

    private List<ConsumerRecord<String, String>> recordsOf(String orderNo, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(probe.awaitMatching(
                r -> r.key().equals("222:" + orderNo), count, KafkaTestBroker.PATIENCE));
        assertThat(records).hasSize(count);
        records.sort(Comparator.comparingLong(ConsumerRecord::offset));
        return records;
    }

    private String prometheus() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double contradictions(String kind, String event) {
        return meters.counter("ingest.contradictions", "kind", kind, "event", event).count();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
