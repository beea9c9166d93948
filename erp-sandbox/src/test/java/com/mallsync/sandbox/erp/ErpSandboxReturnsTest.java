package com.mallsync.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Returns (TH 1, "是否退货") over real HTTP, against the seed's own sale ("MasterXml参数示例": TradeID
 * 6647762366539116544, FactMoney 79.8, three goods of one each at Price 24.6, 27.6, 27.6, PayTime 2020/3/23
 * 15:55:15): kept apart from the sale, linked by UID + TradeID, refused without a sale or beyond it.
 */
class ErpSandboxReturnsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TRADE_ID = "6647762366539116544";
    private static final String FIRST_GOODS = "6646654848093933568";
    private static ErpSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = ErpSandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    @Test
    void aReturnOfOneLineOfAStoredSaleIsKeptApartAndCounted() throws Exception {
        assertThat(code(post(sale()))).isEqualTo("0");

        assertThat(code(post(firstLineReturn("S-R1", "24.6")))).isEqualTo("0");

        Stats stats = sandbox.stats();
        assertThat(stats.sales()).isEqualTo(1);
        assertThat(stats.returns()).isEqualTo(1);
        assertThat(stats.orders()).isEqualTo(2);
        assertThat(stats.doubleCreations()).isZero();
        JsonNode orders = SandboxHttp.MAPPER.readTree(get("/sandbox/orders"));
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).get("th").asInt()).isZero();
        assertThat(orders.get(1).get("th").asInt()).isEqualTo(1);
        assertThat(orders.get(1).get("outerId").asString()).isEqualTo("S-R1");
        JsonNode json = SandboxHttp.MAPPER.readTree(get("/sandbox/stats"));
        assertThat(json.get("sales").asLong()).isEqualTo(1);
        assertThat(json.get("returns").asLong()).isEqualTo(1);
    }

    @Test
    void aReturnWithoutASaleOfThatUidAndTradeIdIsRefused() throws Exception {
        HttpResponse<String> reply = post(firstLineReturn("S-R1", "24.6"));
        assertThat(code(reply)).isEqualTo(CheckFailure.RETURN);
        assertThat(reply.body()).contains("no sale");

        post(sale());
        Map<String, String> otherUid = firstLineReturn("S-R1", "24.6");
        otherUid.put("UID", "another-uid");
        assertThat(code(post(otherUid))).isEqualTo(CheckFailure.RETURN);
        Map<String, String> otherTrade = firstLineReturn("S-R1", "24.6");
        otherTrade.put("MasterXml", otherTrade.get("MasterXml").replace(TRADE_ID, "1"));
        assertThat(code(post(otherTrade))).isEqualTo(CheckFailure.RETURN);
        Map<String, String> noTrade = firstLineReturn("S-R1", "24.6");
        noTrade.put("MasterXml", noTrade.get("MasterXml").replace(" TradeID=\"" + TRADE_ID + "\"", ""));
        assertThat(code(post(noTrade))).isEqualTo(CheckFailure.RETURN);

        assertThat(sandbox.stats().returns()).isZero();
        assertThat(sandbox.stats().rejected()).isEqualTo(4);
    }

    @Test
    void returnsBeyondTheSalesMoneyOrQuantitiesAreRefused() throws Exception {
        post(sale());
        assertThat(code(post(firstLineReturn("S-R1", "24.6")))).isEqualTo("0");

        HttpResponse<String> again = post(firstLineReturn("S-R1b", "0"));
        assertThat(code(again)).as("the one unit of the first goods is returned already")
                .isEqualTo(CheckFailure.RETURN);
        assertThat(again.body()).contains(FIRST_GOODS);

        HttpResponse<String> tooMuch = post(secondLineReturn("S-R2", "55.3"));
        assertThat(code(tooMuch)).as("24.6 + 55.3 > FactMoney 79.8").isEqualTo(CheckFailure.RETURN);
        assertThat(tooMuch.body()).contains("FactMoney 79.8");
        assertThat(code(post(secondLineReturn("S-R2", "55.2")))).as("24.6 + 55.2 = 79.8").isEqualTo("0");

        Map<String, String> strange = firstLineReturn("S-R9", "0");
        strange.put("DetailXml", strange.get("DetailXml").replace(FIRST_GOODS, "999"));
        assertThat(code(post(strange))).isEqualTo(CheckFailure.RETURN);
        assertThat(sandbox.stats().returns()).isEqualTo(2);
    }

    @Test
    void aReturnNeedsARefundTimeAfterThePaymentAndNoNegativeRefund() throws Exception {
        post(sale());
        Map<String, String> never = firstLineReturn("S-R1", "24.6");
        never.put("MasterXml", never.get("MasterXml").replace("2020/3/24 10:00:00", "1900/1/1 0:00:00"));
        assertThat(code(post(never))).isEqualTo(CheckFailure.RETURN);
        Map<String, String> early = firstLineReturn("S-R1", "24.6");
        early.put("MasterXml", early.get("MasterXml").replace("2020/3/24 10:00:00", "2020/3/23 15:55:14"));
        assertThat(code(post(early))).isEqualTo(CheckFailure.RETURN);
        assertThat(code(post(firstLineReturn("S-R1", "-1")))).isEqualTo(CheckFailure.RETURN);
        assertThat(sandbox.stats().returns()).isZero();
    }

    @Test
    void aReturnsOwnFiguresMustAddUpLikeASales() throws Exception {
        post(sale());
        Map<String, String> bad = firstLineReturn("S-R1", "24.6");
        bad.put("PayXml", "<pay><pay FactMoney=\"24.7\" PayChannel=\"PC_WX\" /></pay>");
        assertThat(code(post(bad))).isEqualTo(CheckFailure.AMOUNTS);
    }

    @Test
    void withTheDuplicateCheckOnAReturnSentTwiceIsCreatedOnce() throws Exception {
        sandbox.setFaults(Faults.NONE.withDuplicateCode("3001"));
        post(sale());
        assertThat(code(post(firstLineReturn("S-R1", "24.6")))).isEqualTo("0");
        assertThat(code(post(firstLineReturn("S-R1", "24.6")))).isEqualTo("3001");
        assertThat(sandbox.stats().returns()).isEqualTo(1);
        assertThat(sandbox.stats().creations()).isEqualTo(2);
    }

    /** The seed's sale with OuterID {@code S}. */
    private static Map<String, String> sale() throws IOException {
        Map<String, String> params = ErpSandboxTest.seedParams();
        params.put("MasterXml", params.get("MasterXml").replace("OuterID=\"\"", "OuterID=\"S\""));
        return params;
    }

    /** A return of the seed's first goods (OldPrice 32.8, ContractFeeItem 8.2, Price 24.6). */
    private static Map<String, String> firstLineReturn(String outerId, String refundFee) throws IOException {
        return lineReturn(outerId, refundFee, "<detail><detail GoodsID=\"" + FIRST_GOODS + "\" yhProductID=\"\" "
                + "GoodsNumber=\"1\" OldPrice=\"32.8000\" Price=\"24.6000\" ContractFeeItem=\"8.2000\" "
                + "OtherFeeItem=\"0.0000\" ReductionFeeItem=\"0.0000\" CreateTime=\"2020/3/23 15:54:20\" Remark=\"\" "
                + "/></detail>", "32.8", "8.2", "24.6");
    }

    /** A return of the seed's second goods (OldPrice 36.8, ContractFeeItem 9.2, Price 27.6). */
    private static Map<String, String> secondLineReturn(String outerId, String refundFee) throws IOException {
        return lineReturn(outerId, refundFee, "<detail><detail GoodsID=\"6645888394863984640\" yhProductID=\"\" "
                + "GoodsNumber=\"1\" OldPrice=\"36.8000\" Price=\"27.6000\" ContractFeeItem=\"9.2000\" "
                + "OtherFeeItem=\"0.0000\" ReductionFeeItem=\"0.0000\" CreateTime=\"2020/3/23 15:54:20\" Remark=\"\" "
                + "/></detail>", "36.8", "9.2", "27.6");
    }

    private static Map<String, String> lineReturn(String outerId, String refundFee, String detail, String original,
                                                  String contractFeeBefore, String paid) throws IOException {
        Map<String, String> params = ErpSandboxTest.seedParams();
        params.put("TH", "1");
        params.put("MasterXml", params.get("MasterXml").replace("OuterID=\"\"", "OuterID=\"" + outerId + "\"")
                .replace("OriginalMoney=\"106.4000\"", "OriginalMoney=\"" + original + "\"")
                .replace("FactMoney=\"79.8\"", "FactMoney=\"" + paid + "\"")
                .replace("ContractFeeBefore=\"26.6000\"", "ContractFeeBefore=\"" + contractFeeBefore + "\"")
                .replace("TotalMoney=\"79.8000\"", "TotalMoney=\"" + paid + "\"")
                .replace("RefundFee=\"0.0000\"", "RefundFee=\"" + refundFee + "\"")
                .replace("RefundTime=\"1900/1/1 0:00:00\"", "RefundTime=\"2020/3/24 10:00:00\""));
        params.put("DetailXml", detail);
        params.put("PayXml", "<pay><pay FactMoney=\"" + paid + "\" PayChannel=\"PC_WX\" /></pay>");
        return params;
    }

    private static HttpResponse<String> post(Map<String, String> params) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(params);
        body.put("TH", Integer.parseInt(params.get("TH")));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + ErpSandbox.PATH))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxHttp.MAPPER.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String code(HttpResponse<String> reply) {
        return SandboxHttp.MAPPER.readTree(reply.body()).get("Code").asString();
    }
}
