package com.mallsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.mallsync.ingest.WebhookClient.Reply;
import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every row of ARCHITECTURE.md's "Ingest HTTP contract" table, over real HTTP, against a real broker, each row
 * checking both the reply and what did (or did not) land on {@code orders.paid.v1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.app-key=test-key-222",
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "ingest.malls.333.secret=another-secret",
        "ingest.max-body=64KB"})
class WebhookContractIT {

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
    void theSeedSampleSignedWithTheMallSecretIsAcceptedAndPublishedWithEveryMoneyFieldExact() {
        String seed = Pushes.signedSeed(Pushes.SECRET);

        Reply reply = client.post(seed);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isZero();
        assertThat(reply.msg()).isEqualTo("accepted");
        UUID eventId = OrderPaid.eventIdFor(222, Pushes.SEED_ORDER_NO);
        assertThat(reply.json().get("eventId").asString()).isEqualTo(eventId.toString());
        // the seed shows one fact: "is_pay": 1 ("is_confirm": 0, "cancel_status": 0, its line "is_refund": 0)
        assertThat(reply.json().get("events").get(0).asString()).isEqualTo("PAID");
        assertThat(reply.json().get("events").size()).isEqualTo(1);

        List<ConsumerRecord<String, String>> records = probe.awaitMatching(
                r -> r.key().equals("222:" + Pushes.SEED_ORDER_NO), 1, KafkaTestBroker.PATIENCE);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(Topics.orderKey(222, Pushes.SEED_ORDER_NO));
        assertThat(header(record, CloudEvents.ID)).isEqualTo(eventId.toString());
        assertThat(header(record, CloudEvents.TYPE)).isEqualTo("mall.order.paid.v1");
        assertThat(header(record, CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEvents.SOURCE)).endsWith("/222");
        assertThat(OffsetDateTime.parse(header(record, CloudEvents.TIME))).isNotNull();

        // money travels as JSON strings with their scale: "total_price": "3.00" stays "3.00", never 3.0
        assertThat(Json.tree(record.value()).get("amounts").get("totalPayPrice").isString()).isTrue();
        assertThat(Json.tree(record.value()).get("amounts").get("totalPayPrice").asString()).isEqualTo("3.00");

        OrderPaid event = Json.read(record.value(), OrderPaid.class);
        assertThat(event.eventId()).isEqualTo(eventId);
        assertThat(event.mallId()).isEqualTo(222);
        assertThat(event.orderNo()).isEqualTo(Pushes.SEED_ORDER_NO);
        assertThat(event.payOrderNo()).isEqualTo("HM5d09e6d94181d719206d323914aa93");
        // "total_price": "3.00", "total_pay_price": "3.00", "express_original_price": "2.00", "express_price": "2.00",
        // "total_goods_price": "1.00", "total_goods_original_price": "1.00", "member_discount_price": "0.00",
        // "coupon_discount_price": "0.00", "integral_deduction_price": "0.00", "back_price": "0.00"
        assertThat(event.amounts().totalPrice()).isEqualTo(new BigDecimal("3.00"));
        assertThat(event.amounts().totalPayPrice()).isEqualTo(new BigDecimal("3.00"));
        assertThat(event.amounts().freightOriginal()).isEqualTo(new BigDecimal("2.00"));
        assertThat(event.amounts().freight()).isEqualTo(new BigDecimal("2.00"));
        assertThat(event.amounts().goodsPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(event.amounts().goodsOriginalPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(event.amounts().memberDiscount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(event.amounts().couponDiscount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(event.amounts().pointsDeduction()).isEqualTo(new BigDecimal("0.00"));
        assertThat(event.amounts().backPrice()).isEqualTo(new BigDecimal("0.00"));
        assertThat(event.amounts().couponId()).isZero();
        assertThat(event.amounts().pointsUsed()).isZero();
        // "pay_time": "2025-03-20 16:58:12" is Asia/Shanghai wall time
        assertThat(event.paidAt()).isEqualTo(OffsetDateTime.parse("2025-03-20T16:58:12+08:00"));
        assertThat(event.createdAt()).isEqualTo(OffsetDateTime.parse("2025-03-20T16:58:09+08:00"));
        // "num": 1, "unit_price": "1.00", "total_original_price": "1.00", "total_price": "1.00", "member_discount_price": "0.00"
        OrderLine line = event.lines().get(0);
        assertThat(event.lines()).hasSize(1);
        assertThat(line.quantity()).isEqualTo(1);
        assertThat(line.unitPrice()).isEqualTo(new BigDecimal("1.00"));
        assertThat(line.originalTotal()).isEqualTo(new BigDecimal("1.00"));
        assertThat(line.paidTotal()).isEqualTo(new BigDecimal("1.00"));
        assertThat(line.memberDiscount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(line.attributes()).containsExactly(new OrderLine.Attribute("颜色", "黑色"));
        assertThat(line.name()).isEqualTo("cce");
        assertThat(event.buyer().unionid()).isEqualTo("oAf8A5zrWv1er5MBGyw6Pv8c5neA");
        assertThat(event.distributor().nickname()).isEqualTo("上级分销商昵称");
        // the untouched payload travels too, byte for byte
        assertThat(event.rawPayload()).isEqualTo(seed);
    }

    @Test
    void theSameOrderPushedThreeTimesIsPublishedOnceAndTheRepeatsSayDuplicate() {
        String push = Pushes.signedSeedWithOrderNo("DUP-0001", Pushes.SECRET);
        double duplicatesBefore = meters.counter("ingest.orders.duplicate").count();

        Reply first = client.post(push);
        Reply second = client.post(push);
        Reply third = client.post(push);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.msg()).isEqualTo("accepted");
        for (Reply repeat : List.of(second, third)) {
            assertThat(repeat.status()).isEqualTo(200);
            assertThat(repeat.code()).isZero();
            assertThat(repeat.msg()).startsWith("duplicate");
            assertThat(repeat.json().get("eventId").asString()).isEqualTo(first.json().get("eventId").asString());
        }
        assertThat(probe.awaitMatching(r -> r.key().equals("222:DUP-0001"), 1, KafkaTestBroker.PATIENCE)).hasSize(1);
        assertThat(probe.settle(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals("222:DUP-0001")))
                .hasSize(1);
        assertThat(meters.counter("ingest.orders.duplicate").count() - duplicatesBefore).isEqualTo(2.0);
    }

    @Test
    void theSameOrderPushedConcurrentlyIsPublishedOnce() throws Exception {
        String push = Pushes.signedSeedWithOrderNo("DUP-CONCURRENT", Pushes.SECRET);
        List<java.util.concurrent.Callable<Reply>> posts = java.util.Collections.nCopies(8, () -> client.post(push));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<Reply> replies = new java.util.ArrayList<>();
        try {
            for (var future : pool.invokeAll(posts)) {
                replies.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(replies).filteredOn(r -> r.msg().equals("accepted")).hasSize(1);
        assertThat(replies).filteredOn(r -> r.msg().startsWith("duplicate")).hasSize(7);
        assertThat(probe.awaitMatching(r -> r.key().equals("222:DUP-CONCURRENT"), 1, KafkaTestBroker.PATIENCE))
                .hasSize(1);
        assertThat(probe.settle(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals("222:DUP-CONCURRENT")))
                .hasSize(1);
    }

    @Test
    void aRePushAfterAStatusChangeIsADuplicateToo() {
        String push = Pushes.withOrderNo(Seeds.mallOrderPush(), "DUP-0002");
        String shipped = Pushes.replaceOnce(push, "\"is_send\": 0", "\"is_send\": 1");

        assertThat(client.post(Pushes.sign(push, Pushes.SECRET)).msg()).isEqualTo("accepted");
        Reply again = client.post(Pushes.sign(shipped, Pushes.SECRET));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.msg()).startsWith("duplicate");
        assertThat(probe.settle(Duration.ofSeconds(2)).stream().filter(r -> r.key().equals("222:DUP-0002")))
                .hasSize(1);
    }

    @Test
    void aPushWithAMarkUpIsAcceptedAndPublishedWithItsSignedAmounts() {
        // MALL-FIELDS.md: negative member_discount_price / back_price are mark-ups, legitimate in the mall. The seed
        // marked up by the merchant: back_price -0.50, total_goods_price 1.50, total_pay_price 3.50
        String push = Pushes.withOrderNo(Seeds.mallOrderPush(), "MARKUP-1");
        push = Pushes.replaceOnce(push, "\"back_price\": \"0.00\"", "\"back_price\": \"-0.50\"");
        push = Pushes.replaceOnce(push, "\"total_pay_price\": \"3.00\"", "\"total_pay_price\": \"3.50\"");
        push = Pushes.replaceOnce(push, "\"total_goods_price\": \"1.00\"", "\"total_goods_price\": \"1.50\"");

        Reply reply = client.post(Pushes.sign(push, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.msg()).isEqualTo("accepted");
        ConsumerRecord<String, String> record = probe.awaitMatching(r -> r.key().equals("222:MARKUP-1"), 1,
                KafkaTestBroker.PATIENCE).get(0);
        OrderPaid event = Json.read(record.value(), OrderPaid.class);
        assertThat(event.amounts().backPrice()).isEqualByComparingTo("-0.50");
        assertThat(event.amounts().totalPayPrice()).isEqualByComparingTo("3.50");
    }

    @Test
    void anUnpaidOrderIsAnsweredIgnoredAndNothingIsPublished() {
        String unpaid = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "UNPAID-1"),
                "\"is_pay\": 1", "\"is_pay\": 0");

        Reply reply = client.post(Pushes.sign(unpaid, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isZero();
        assertThat(reply.msg()).startsWith("ignored");
        assertNothingPublishedFor("UNPAID-1");
    }

    @Test
    void aForgedSignatureIsRefusedWith401() {
        String forged = Pushes.signedSeedWithOrderNo("FORGED-1", "not-the-secret");

        Reply reply = client.post(forged);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isNotZero();
        assertThat(reply.field()).isEqualTo("signature");
        assertNothingPublishedFor("FORGED-1");
    }

    @Test
    void aSignedPushWhoseAmountWasChangedAfterSigningIsRefused() {
        String signed = Pushes.signedSeedWithOrderNo("TAMPERED-1", Pushes.SECRET);
        String tampered = Pushes.replaceOnce(signed, "\"total_pay_price\": \"3.00\"", "\"total_pay_price\": \"0.01\"");

        assertThat(client.post(tampered).status()).isEqualTo(401);
        assertNothingPublishedFor("TAMPERED-1");
    }

    @Test
    void aMissingSignatureIsRefusedWith401() {
        String unsigned = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "UNSIGNED-1"),
                Pushes.SEED_SIGN + ",", "");

        Reply reply = client.post(unsigned);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isNotZero();
        assertNothingPublishedFor("UNSIGNED-1");
    }

    @Test
    void anotherMallsSecretDoesNotSignForMall222() {
        assertThat(client.post(Pushes.signedSeedWithOrderNo("CROSS-1", "another-secret")).status()).isEqualTo(401);
        assertNothingPublishedFor("CROSS-1");
    }

    @Test
    void anUnknownMallIsRefusedWith401() {
        String push = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "UNKNOWN-MALL-1"),
                "\"mall_id\": 222", "\"mall_id\": 999");

        Reply reply = client.post(Pushes.sign(push, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isNotZero();
        assertThat(reply.field()).isEqualTo("signature");
        assertNothingPublishedFor("UNKNOWN-MALL-1");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith400NamingTheBody() {
        Reply reply = client.post("order_no=1&mall_id=222");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isNotZero();
        assertThat(reply.field()).isEqualTo("body");
    }

    @Test
    void aMissingFieldIsRefusedWith400NamingIt() {
        String push = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "MISSING-1"),
                "\"total_pay_price\": \"3.00\",", "");

        Reply reply = client.post(Pushes.sign(push, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isNotZero();
        assertThat(reply.field()).isEqualTo("total_pay_price");
        assertThat(reply.msg()).contains("total_pay_price");
        assertNothingPublishedFor("MISSING-1");
    }

    @Test
    void aMalformedLineFieldIsRefusedWith400NamingItsPath() {
        String push = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "MALFORMED-1"),
                "\"num\": 1", "\"num\": 0");

        Reply reply = client.post(Pushes.sign(push, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("detail[0].num");
        assertNothingPublishedFor("MALFORMED-1");
    }

    @Test
    void aNegativePriceIsRefusedWith400() {
        String push = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "NEGATIVE-1"),
                "\"unit_price\": \"1.00\"", "\"unit_price\": \"-1.00\"");

        Reply reply = client.post(Pushes.sign(push, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("detail[0].unit_price");
        assertNothingPublishedFor("NEGATIVE-1");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndNeverParsed() {
        // ingest.max-body=64KB here; a signed, otherwise valid push padded past it
        String padded = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "HUGE-1"),
                "\"remark\": \"\"", "\"remark\": \"" + "x".repeat(70 * 1024) + "\"");

        Reply reply = client.post(Pushes.sign(padded, Pushes.SECRET));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.code()).isNotZero();
        assertThat(reply.field()).isEqualTo("body");
        assertNothingPublishedFor("HUGE-1");
    }

    @Test
    void aBodyFarOverTheLimitIsStillAnswered413() {
        byte[] body = new byte[3 * 1024 * 1024];
        Arrays.fill(body, (byte) '[');

        Reply reply = client.post(body);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.field()).isEqualTo("body");
    }

    @Test
    void healthIsUpWithKafkaAndShowsNoDetailsOnTheMallFacingPort() {
        Reply health = get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        // issue 14: details (the broker's address among them) are not public; the Kafka check still counts in UP
        // (BrokerOutageIT: DOWN without the broker)
        assertThat(health.json().has("components")).isFalse();
    }

    @Test
    void theCountersAreExposed() {
        client.post(Pushes.signedSeedWithOrderNo("METRIC-1", "wrong"));

        assertThat(meters.find("ingest.orders.rejected").tag("reason", "bad_signature").counter()).isNotNull();
        assertThat(meters.find("ingest.webhook.requests").timers()).isNotEmpty();
        assertThat(get("/actuator/prometheus").body()).contains("ingest_orders_rejected_total");
    }

    private Reply get(String path) {
        try {
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertNothingPublishedFor(String orderNo) {
        assertThat(probe.settle(Duration.ofSeconds(1)))
                .noneMatch(r -> r.key().endsWith(":" + orderNo));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The benchmark's pass-through (PassThroughIT) is off unless its topic is set: no unchecked way in. */
    @Test
    void thereIsNoPassThroughUnlessTheBenchmarkSwitchesItOn() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/bench/pass-through")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Pushes.signedSeed(Pushes.SECRET)))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(404);
    }
}
