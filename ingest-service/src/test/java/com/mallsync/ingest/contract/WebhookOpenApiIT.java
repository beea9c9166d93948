package com.mallsync.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.mallsync.ingest.Pushes;
import com.mallsync.model.Topics;
import com.mallsync.testsupport.Contracts;
import com.mallsync.testsupport.KafkaTestBroker;
import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code contracts/openapi.yaml} against the running ingest-service: for each documented response, a request that
 * produces it, its reply validated against the documented schema (see {@link OpenApiReplies}). The 503 is in
 * {@link WebhookOutageOpenApiIT} (no broker there).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.malls.222.secret=" + Pushes.SECRET,
        "ingest.max-body=16KB"})
class WebhookOpenApiIT {

    static final KafkaTestBroker BROKER = KafkaTestBroker.start();

    static {
        BROKER.createTopics(1, Topics.ORDERS_PAID);
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
    OpenApiReplies api;

    @BeforeEach
    void setUp() {
        api = new OpenApiReplies(port);
    }

    @Test
    void theDocumentListsExactlyTheStatusesOfTheIngestContract() {
        // 408: the body deadline of issue 14 (its reply is checked in SlowBodyIT)
        assertThat(api.documentedStatuses()).containsExactlyInAnyOrder(200, 400, 401, 408, 413, 503);
    }

    @Test
    void theSeedPushConformsToTheDocumentedRequestBody() {
        assertThat(Contracts.violations(Contracts.OPENAPI + "#/components/schemas/MallOrderPush",
                Seeds.mallOrderPush())).isEmpty();
        assertThat(Contracts.violations(Contracts.OPENAPI + "#/components/schemas/MallOrderPush",
                "{\"mall_id\": 222}")).isNotEmpty();
    }

    @Test
    void anAcceptedPushThenItsRepeatAreTheDocumented200s() {
        String push = Pushes.signedSeedWithOrderNo("OAS-ACCEPT-1", Pushes.SECRET);

        HttpResponse<String> first = api.post(push);
        HttpResponse<String> again = api.post(push);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(OpenApiReplies.is("Accepted", first.body())).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(OpenApiReplies.is("Duplicate", again.body())).isTrue();
        assertThat(OpenApiReplies.is("Accepted", again.body())).isFalse();
    }

    @Test
    void aLaterFactARefundAndContradictionsAreTheDocumented200s() {
        // the seed, then "is_confirm": 1 with its line "is_refund": 1, "refund_status": 2 ("id": 496877), then
        // "cancel_status": 1, then the cancellation gone again in a later push ("updated_at" after it)
        String paid = Pushes.withOrderNo(Seeds.mallOrderPush(), "OAS-LIFE-1");
        String refunded = Pushes.replaceOnce(Pushes.replaceOnce(Pushes.replaceOnce(paid, "\"is_confirm\": 0",
                "\"is_confirm\": 1"), "\"is_refund\": 0", "\"is_refund\": 1"), "\"refund_status\": 0",
                "\"refund_status\": 2");
        String cancelled = Pushes.replaceOnce(refunded, "\"cancel_status\": 0", "\"cancel_status\": 1");
        String uncancelled = Pushes.replaceOnce(refunded, "\"updated_at\": \"2025-03-20 16:58:12\"",
                "\"updated_at\": \"2025-03-30 12:00:00\"");
        String unpaidConfirmed = Pushes.replaceOnce(Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(),
                "OAS-LIFE-2"), "\"is_pay\": 1", "\"is_pay\": 0"), "\"is_confirm\": 0", "\"is_confirm\": 1");

        HttpResponse<String> first = api.post(Pushes.sign(paid, Pushes.SECRET));
        HttpResponse<String> later = api.post(Pushes.sign(refunded, Pushes.SECRET));
        api.post(Pushes.sign(cancelled, Pushes.SECRET));
        HttpResponse<String> contradictory = api.post(Pushes.sign(uncancelled, Pushes.SECRET));
        HttpResponse<String> unpaid = api.post(Pushes.sign(unpaidConfirmed, Pushes.SECRET));

        assertThat(OpenApiReplies.is("Accepted", first.body())).isTrue();
        assertThat(later.body()).contains("\"events\":[\"CONFIRMED\",\"REFUNDED\"]", "\"refundedLines\":[496877]");
        assertThat(OpenApiReplies.is("Accepted", later.body())).isTrue();
        assertThat(contradictory.body()).contains("\"contradictions\":[\"CANCELLED ");
        assertThat(OpenApiReplies.is("Duplicate", contradictory.body())).isTrue();
        assertThat(unpaid.body()).contains("\"contradictions\":[\"CONFIRMED ");
        assertThat(OpenApiReplies.is("Ignored", unpaid.body())).isTrue();
        assertThat(OpenApiReplies.is("Accepted", "{\"code\":0,\"msg\":\"accepted\","
                + "\"eventId\":\"7603d538-d743-388e-b9e4-38def93a35dc\",\"events\":[\"SHIPPED\"]}")).isFalse();
    }

    @Test
    void anUnpaidPushIsTheDocumentedIgnored200() {
        String unpaid = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "OAS-UNPAID-1"),
                "\"is_pay\": 1", "\"is_pay\": 0");

        HttpResponse<String> reply = api.post(Pushes.sign(unpaid, Pushes.SECRET));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(OpenApiReplies.is("Ignored", reply.body())).isTrue();
    }

    @Test
    void aBodyThatIsNotJsonAndAMissingFieldAreTheDocumented400s() {
        HttpResponse<String> notJson = api.post("order_no=1&mall_id=222");
        String missing = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "OAS-MISSING-1"),
                "\"total_pay_price\": \"3.00\",", "");
        HttpResponse<String> field = api.post(Pushes.sign(missing, Pushes.SECRET));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("40002");
        assertThat(field.statusCode()).isEqualTo(400);
        assertThat(field.body()).contains("40001").contains("total_pay_price");
    }

    @Test
    void aForgedSignatureAndAnUnknownMallAreTheDocumented401s() {
        HttpResponse<String> forged = api.post(Pushes.signedSeedWithOrderNo("OAS-FORGED-1", "not-the-secret"));
        String otherMall = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "OAS-MALL-1"),
                "\"mall_id\": 222", "\"mall_id\": 999");
        HttpResponse<String> unknown = api.post(Pushes.sign(otherMall, Pushes.SECRET));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("40101");
        assertThat(unknown.statusCode()).isEqualTo(401);
        // issue 14: an unknown mall gets the very answer a forged signature gets (no enumeration of malls)
        assertThat(unknown.body()).isEqualTo(forged.body());
    }

    @Test
    void aBodyOverTheLimitIsTheDocumented413() {
        String big = Pushes.replaceOnce(Pushes.withOrderNo(Seeds.mallOrderPush(), "OAS-BIG-1"),
                "\"remark\": \"\"", "\"remark\": \"" + "x".repeat(20_000) + "\"");

        HttpResponse<String> reply = api.post(Pushes.sign(big, Pushes.SECRET));

        assertThat(reply.statusCode()).isEqualTo(413);
    }

    @Test
    void aReplyWithAnUndocumentedPropertyWouldNotConform() {
        assertThat(OpenApiReplies.is("Accepted", "{\"code\":0,\"msg\":\"accepted\","
                + "\"eventId\":\"7603d538-d743-388e-b9e4-38def93a35dc\",\"events\":[\"PAID\"]}")).isTrue();
        assertThat(OpenApiReplies.is("Accepted", "{\"code\":0,\"msg\":\"accepted\","
                + "\"eventId\":\"7603d538-d743-388e-b9e4-38def93a35dc\",\"events\":[\"PAID\"],\"x\":1}")).isFalse();
        assertThat(OpenApiReplies.is("BadRequest", "{\"code\":0,\"msg\":\"body: x\",\"field\":\"body\"}")).isFalse();
    }
}
