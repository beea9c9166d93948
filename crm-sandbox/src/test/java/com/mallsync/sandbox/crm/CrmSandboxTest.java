package com.mallsync.sandbox.crm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox over real HTTP: signature, 1.4 rules, batch rules, duplicates, faults, admin API. */
class CrmSandboxTest {

    static final String APP_ID = "app";
    static final String TOKEN = "tok";
    static CrmSandbox sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = CrmSandbox.start(0, APP_ID, TOKEN);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static ObjectNode order(String shop, String code) {
        String now = LocalDateTime.now(OrderRules.ZONE).minusMinutes(5).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        ObjectNode o = ThirdOrdAddHandler.JSON.createObjectNode();
        o.put("ShopCode", shop).put("Code", code).put("BuyerCode", "EZ00001201").put("OrderTime", now)
                .put("TotalQty", 2).put("TotalMoney", new java.math.BigDecimal("450.00")).put("PayTime", now)
                .put("PayAmount", new java.math.BigDecimal("450.00")).put("DataOrigin", 1)
                .put("DiscountMoney", new java.math.BigDecimal("0.00")).put("RecvConsignee", "测试")
                .put("RecvMobile", "13122136787");
        ArrayNode dtls = o.putArray("Dtls");
        dtls.addObject().put("BarCode", "15026609123").put("PriceOriginal", new java.math.BigDecimal("250.00"))
                .put("PriceSell", new java.math.BigDecimal("200.00")).put("Quantity", 1)
                .put("Amount", new java.math.BigDecimal("200.00")).put("DiscountMoney", new java.math.BigDecimal("50.00"));
        dtls.addObject().put("BarCode", "15026609124").put("PriceOriginal", new java.math.BigDecimal("250.00"))
                .put("PriceSell", new java.math.BigDecimal("250.00")).put("Quantity", 1)
                .put("Amount", new java.math.BigDecimal("250.00")).put("DiscountMoney", new java.math.BigDecimal("0.00"));
        return o;
    }

    static JsonNode post(List<? extends JsonNode> orders) throws IOException, InterruptedException {
        String ts = LocalDateTime.now(OrderRules.ZONE).format(ThirdOrdAddHandler.TIMESTAMP);
        return post(APP_ID, ts, Signature.sign(APP_ID, ts, TOKEN), ThirdOrdAddHandler.JSON.writeValueAsString(orders));
    }

    static JsonNode post(String appId, String ts, String sign, String args) throws IOException, InterruptedException {
        String body = "AppId=" + enc(appId) + "&Timestamp=" + enc(ts) + "&Sign=" + enc(sign) + "&Args=" + enc(args);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + CrmSandbox.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return ThirdOrdAddHandler.JSON.readTree(response.body());
    }

    /** Posts a correctly signed request and returns the HTTP response as it is (any status). */
    static HttpResponse<String> postRaw(List<? extends JsonNode> orders) throws IOException, InterruptedException {
        String ts = LocalDateTime.now(OrderRules.ZONE).format(ThirdOrdAddHandler.TIMESTAMP);
        String body = "AppId=" + enc(APP_ID) + "&Timestamp=" + enc(ts)
                + "&Sign=" + enc(Signature.sign(APP_ID, ts, TOKEN))
                + "&Args=" + enc(ThirdOrdAddHandler.JSON.writeValueAsString(orders));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + CrmSandbox.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void storesAValidBatchAndRepliesWithTheRowsAffected() throws Exception {
        JsonNode reply = post(List.of(order("HQS0001", "0000128092"), order("HQS0001", "0000128094")));

        assertThat(reply.get("Status").booleanValue()).isTrue();
        assertThat(reply.get("StatusCode").intValue()).isEqualTo(200);
        assertThat(reply.get("Result").intValue()).isEqualTo(2);
        assertThat(reply.get("Sign").stringValue()).isEqualTo(Signature.sign(APP_ID, reply.get("Timestamp").stringValue(), TOKEN));
        assertThat(sandbox.orders()).extracting(StoredOrder::code).containsExactly("0000128092", "0000128094");
        assertThat(sandbox.stats().creations()).isEqualTo(2);
    }

    @Test
    void signatureIsUppercaseSha1OfAppIdTimestampToken() {
        // SHA1("AppId=app&Timestamp=20150622093101&Token=tok"), computed with `printf ... | sha1sum`
        assertThat(Signature.sign("app", "20150622093101", "tok")).isEqualTo("311AD9D5F3DC600B79CBCAA2861A21E89A1F5E26");
    }

    @Test
    void refusesABadSignatureAStaleTimestampAndAnUnknownAppId() throws Exception {
        String ts = LocalDateTime.now(OrderRules.ZONE).format(ThirdOrdAddHandler.TIMESTAMP);
        String args = ThirdOrdAddHandler.JSON.writeValueAsString(List.of(order("S", "1")));
        assertThat(post(APP_ID, ts, "0".repeat(40), args).get("StatusCode").intValue()).isEqualTo(401);
        String stale = LocalDateTime.now(OrderRules.ZONE).minusHours(1).format(ThirdOrdAddHandler.TIMESTAMP);
        assertThat(post(APP_ID, stale, Signature.sign(APP_ID, stale, TOKEN), args).get("Msg").stringValue()).contains("Timestamp");
        assertThat(post("other", ts, Signature.sign("other", ts, TOKEN), args).get("Msg").stringValue()).contains("AppId");
        assertThat(sandbox.orders()).isEmpty();
    }

    @Test
    void refusesEachBrokenRuleWithAMessageNamingIt() throws Exception {
        Map<String, java.util.function.Consumer<ObjectNode>> breakers = new java.util.LinkedHashMap<>();
        breakers.put("saleTime必须在一年以内", o -> o.put("OrderTime", LocalDateTime.now(OrderRules.ZONE).minusYears(1).minusDays(1)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))));
        breakers.put("saleTime必须在一年以内 (OrderTime", o -> o.put("OrderTime", LocalDateTime.now(OrderRules.ZONE)
                .plusMinutes(10).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))));
        breakers.put("DiscountMoney不能小于0", o -> o.put("DiscountMoney", new java.math.BigDecimal("-1.00")));
        breakers.put("销售单数量必须为正数", o -> {
            o.put("TotalQty", -1).put("TotalMoney", new java.math.BigDecimal("-200.00"))
                    .put("PayAmount", new java.math.BigDecimal("-200.00"));
            ((ObjectNode) o.get("Dtls").get(0)).put("Quantity", -2).put("Amount", new java.math.BigDecimal("-450.00"));
        });
        breakers.put("实际支付金额PayAmount必须等于明细的合计Amount", o -> o.put("PayAmount", new java.math.BigDecimal("452.00")));
        breakers.put("退货金额和数量必须都为负数", o -> o.put("OriginalCode", "X1"));
        breakers.put("商品明细不能为空", o -> o.putArray("Dtls"));
        breakers.put("明细的合计Amount必须等于主数据的TotalMoney", o -> o.put("TotalMoney", new java.math.BigDecimal("451.00")));
        breakers.put("明细的合计Quantity必须等于主数据的TotalQty", o -> o.put("TotalQty", 3));
        breakers.put("ShopCode长度", o -> o.put("ShopCode", "S".repeat(17)));
        breakers.put("Code长度", o -> o.put("Code", "C".repeat(27)));
        breakers.put("BuyerCode长度", o -> o.put("BuyerCode", "B".repeat(33)));
        breakers.put("RecvAddress长度", o -> o.put("RecvAddress", "地".repeat(129)));
        breakers.put("BarCode长度", o -> ((ObjectNode) o.get("Dtls").get(0)).put("BarCode", "9".repeat(31)));
        breakers.put("BarCode不能为空", o -> ((ObjectNode) o.get("Dtls").get(0)).remove("BarCode"));
        breakers.put("最多2位小数", o -> o.put("PayAmount", new java.math.BigDecimal("450.001")));
        int i = 0;
        for (var e : breakers.entrySet()) {
            ObjectNode bad = order("S1", "bad" + i++);
            e.getValue().accept(bad);
            JsonNode reply = post(List.of(order("S1", "good" + i), bad));
            assertThat(reply.get("Status").booleanValue()).as(e.getKey()).isFalse();
            assertThat(reply.get("Msg").stringValue()).as(e.getKey()).contains(e.getKey());
        }
        assertThat(sandbox.orders()).as("a refused batch stores nothing").isEmpty();
    }

    @Test
    void payAmountIsCheckedAgainstTheRowsUnlessTheShopPutsFreightInPayAmountOnly() throws Exception {
        ObjectNode withFreight = order("S1", "freight-in-pay");
        withFreight.put("PayAmount", new java.math.BigDecimal("458.00"));
        assertThat(post(List.of(withFreight)).get("Status").booleanValue()).isFalse();
        sandbox.payAmountIsRows(false);
        try {
            assertThat(post(List.of(withFreight)).get("Status").booleanValue()).isTrue();
        } finally {
            sandbox.payAmountIsRows(true);
        }
    }

    @Test
    void refusesMoreThan100RowsAndMixedShopCodes() throws Exception {
        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(order("S", "c" + i));
        }
        assertThat(post(many).get("Msg").stringValue()).contains("100");
        assertThat(post(List.of(order("S", "a"), order("T", "b"))).get("Msg").stringValue()).contains("同一渠道代码");
        assertThat(post(many.subList(0, 100)).get("Status").booleanValue()).isTrue();
    }

    @Test
    void aDuplicateCodeRefusesTheBatchNamingTheCodeAndStoresNothingTwice() throws Exception {
        post(List.of(order("S", "a")));
        JsonNode reply = post(List.of(order("S", "b"), order("S", "a")));

        assertThat(reply.get("Status").booleanValue()).isFalse();
        assertThat(reply.get("StatusCode").intValue()).isEqualTo(CrmSandbox.DUPLICATE_STATUS_CODE);
        assertThat(reply.get("Msg").stringValue()).isEqualTo(CrmSandbox.DUPLICATE_MSG_PREFIX + "a");
        assertThat(post(List.of(order("OTHER", "a"))).get("Status").booleanValue()).as("unique per ShopCode only").isTrue();
        assertThat(sandbox.stats().doubleCreations()).isZero();
        assertThat(sandbox.stats().orders()).isEqualTo(2);
    }

    @Test
    void downClosesTheConnectionAndErrorRateAnswers500() throws Exception {
        sandbox.setFaults(CrmFaults.NONE.withDown(true));
        assertThatThrownBy(() -> post(List.of(order("S", "a")))).isInstanceOf(IOException.class);
        sandbox.setFaults(CrmFaults.NONE.withErrorRate(1.0));
        String ts = LocalDateTime.now(OrderRules.ZONE).format(ThirdOrdAddHandler.TIMESTAMP);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + CrmSandbox.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("AppId=app&Timestamp=" + ts)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(sandbox.orders()).isEmpty();
        assertThat(sandbox.stats().faultReplies()).isEqualTo(2);
    }

    @Test
    void anErrorCodeAnswers500ForEveryBatchHoldingItAndStoresNothingOfThatBatch() throws Exception {
        sandbox.setFaults(CrmFaults.NONE.withErrorCodes(List.of("sick")));

        assertThat(postRaw(List.of(order("S", "a"), order("S", "sick"), order("S", "b"))).statusCode()).isEqualTo(500);
        assertThat(postRaw(List.of(order("S", "sick"))).statusCode()).as("always, not at random").isEqualTo(500);
        assertThat(sandbox.orders()).as("nothing of a 500 request is stored").isEmpty();
        assertThat(post(List.of(order("S", "a"), order("S", "b"))).get("Status").booleanValue()).isTrue();
        assertThat(sandbox.orders()).extracting(StoredOrder::code).containsExactlyInAnyOrder("a", "b");
        assertThat(sandbox.stats().faultReplies()).isEqualTo(2);
    }

    @Test
    void adminApiSetsErrorCodesWithAPartialPut() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorCodes\":[\"sick\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults()).isEqualTo(CrmFaults.NONE.withErrorCodes(List.of("sick")));
        assertThat(ThirdOrdAddHandler.JSON.readTree(get("/sandbox/faults")).get("errorCodes").get(0).stringValue())
                .isEqualTo("sick");
        assertThat(postRaw(List.of(order("S", "sick"))).statusCode()).isEqualTo(500);
    }

    @Test
    void adminApiSetsFaultsAndShowsStatsAndOrders() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":5,\"down\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().down()).isTrue();
        assertThat(sandbox.faults().latencyMs()).isEqualTo(5);
        assertThat(sandbox.faults().timeoutMs()).isEqualTo(30_000);
        assertThat(get("/sandbox/health")).contains("UP");
        HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sandbox.faults()).isEqualTo(CrmFaults.NONE);
        post(List.of(order("S", "a")));
        assertThat(ThirdOrdAddHandler.JSON.readTree(get("/sandbox/stats")).get("orders").intValue()).isEqualTo(1);
        JsonNode stored = ThirdOrdAddHandler.JSON.readTree(get("/sandbox/orders"));
        assertThat(stored.get(0).get("code").stringValue()).isEqualTo("a");
        assertThat(stored.get(0).get("order").get("TotalMoney").decimalValue()).isEqualByComparingTo("450.00");
    }

    static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
