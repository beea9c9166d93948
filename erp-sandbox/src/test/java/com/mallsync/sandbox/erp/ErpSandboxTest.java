package com.mallsync.sandbox.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox over real HTTP, fed the seed's own examples ("MasterXml参数示例", "DetailXml参数示例",
 * "PayXml参数示例" of erp-trade-transfer-to-erp.txt, with the doc's {@code \"} unescaped).
 */
class ErpSandboxTest {

    private static ErpSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    void acceptsTheSeedsOwnExampleAsJsonAndAssignsAnOuterTradeId() throws Exception {
        HttpResponse<String> reply = postJson(seedParams());

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode body = SandboxHttp.MAPPER.readTree(reply.body());
        assertThat(body.get("Code").asString()).isEqualTo("0");
        assertThat(body.get("Message").get("OuterTradeID").asString()).matches("\\d{19}");
        assertThat(sandbox.stats().creations()).isEqualTo(1);
        assertThat(sandbox.orders().get(0).details()).hasSize(3);
        assertThat(sandbox.orders().get(0).master()).containsEntry("ProvinceID", "山东");
    }

    @Test
    void acceptsAFormEncodedBodyToo() throws Exception {
        String form = seedParams().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + ErpSandbox.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(code(reply)).isEqualTo("0");
        assertThat(sandbox.stats().orders()).isEqualTo(1);
    }

    @Test
    void refusesAWrongTokenAndStoresNothing() throws Exception {
        Map<String, String> params = seedParams();
        params.put("UserAccessToken", "stolen");

        assertThat(code(postJson(params))).isEqualTo(CheckFailure.UNAUTHORIZED);
        assertThat(sandbox.stats().creations()).isZero();
        assertThat(sandbox.stats().rejected()).isEqualTo(1);
    }

    @Test
    void refusesDetailsThatDoNotAddUpToTheMaster() throws Exception {
        Map<String, String> params = seedParams();
        params.put("DetailXml", params.get("DetailXml").replaceFirst("OldPrice=\"32.8000\" Price=\"24.6000\"",
                "OldPrice=\"32.8100\" Price=\"24.6100\""));

        HttpResponse<String> reply = postJson(params);

        assertThat(code(reply)).isEqualTo(CheckFailure.AMOUNTS);
        assertThat(reply.body()).contains("OriginalMoney");
        assertThat(sandbox.stats().creations()).isZero();
    }

    @Test
    void refusesAMasterWithoutANodeOfTheSeedsTable() throws Exception {
        Map<String, String> params = seedParams();
        params.put("MasterXml", params.get("MasterXml").replace(" SaleUID=\"\"", ""));

        HttpResponse<String> reply = postJson(params);

        assertThat(code(reply)).isEqualTo(CheckFailure.BAD_XML);
        assertThat(reply.body()).contains("SaleUID");
    }

    @Test
    void createsTheSameOrderTwiceWhenAskedTwiceAndCountsItAsADoubleCreation() throws Exception {
        postJson(seedParams());
        postJson(seedParams());

        assertThat(sandbox.stats().creations()).isEqualTo(2);
        assertThat(sandbox.stats().orders()).isEqualTo(1);
        assertThat(sandbox.stats().doubleCreations()).isEqualTo(1);
    }

    @Test
    void aLostReplyCreatesTheOrderButAnswersNothing() throws Exception {
        sandbox.setFaults(Faults.NONE.withLostReplies(1.0, 200));

        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + ErpSandbox.PATH))
                .header("Content-Type", "application/json").timeout(Duration.ofMillis(2_000))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxHttp.MAPPER.writeValueAsBytes(seedParams())))
                .build();
        assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        assertThat(sandbox.stats().creations()).isEqualTo(1);
        assertThat(sandbox.stats().faultReplies()).isEqualTo(1);
    }

    @Test
    void withTheDuplicateCheckOnASecondOrderWithTheSameOuterIdIsRefusedAndNotCreated() throws Exception {
        sandbox.setFaults(Faults.NONE.withDuplicateCode("3001"));

        assertThat(code(postJson(seedParams()))).isEqualTo("0");
        HttpResponse<String> second = postJson(seedParams());

        assertThat(code(second)).isEqualTo("3001");
        assertThat(second.body()).contains("外部订单号已存在");
        assertThat(sandbox.stats().creations()).isEqualTo(1);
        assertThat(sandbox.stats().doubleCreations()).isZero();
    }

    @Test
    void injectedFaultsGiveA500ABusinessCodeOrADroppedConnection() throws Exception {
        sandbox.setFaults(Faults.NONE.withErrorRate(1.0));
        assertThat(postJson(seedParams()).statusCode()).isEqualTo(500);

        sandbox.setFaults(Faults.NONE.withFail("2001", 1.0));
        assertThat(code(postJson(seedParams()))).isEqualTo("2001");

        sandbox.setFaults(Faults.NONE.withDown(true));
        assertThatThrownBy(() -> postJson(seedParams())).isInstanceOf(IOException.class);

        assertThat(sandbox.stats().creations()).isZero();
        assertThat(sandbox.stats().faultReplies()).isEqualTo(3);
    }

    @Test
    void adminFaultsArePartiallyUpdatableAndTheAdminApiStaysUpWhileDown() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"down\":true,\"latencyMs\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().down()).isTrue();
        assertThat(sandbox.faults().latencyMs()).isEqualTo(5);
        assertThat(sandbox.faults().timeoutMs()).isEqualTo(30_000);

        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.MAPPER.readTree(stats.body()).has("doubleCreations")).isTrue();
    }

    @Test
    void aListedOrderAlwaysGetsA500WhileOthersAreCreated() throws Exception {
        Map<String, String> sick = seedParams();
        sick.put("MasterXml", sick.get("MasterXml").replace("OuterID=\"\"", "OuterID=\"SICK-1\""));
        sandbox.setFaults(Faults.NONE.withErrorOrders(List.of("SICK-1")));

        assertThat(postJson(sick).statusCode()).isEqualTo(500);
        assertThat(code(postJson(seedParams()))).isEqualTo("0");
        assertThat(sandbox.stats().creations()).isEqualTo(1);
    }

    static Map<String, String> seedParams() throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("PlatformID", ErpSandbox.DEFAULT_PLATFORM_ID);
        params.put("UserAccessToken", ErpSandbox.DEFAULT_USER_ACCESS_TOKEN);
        params.put("UID", "demo-uid-222");
        params.put("MasterXml", resource("/seed-master.xml"));
        params.put("DetailXml", resource("/seed-detail.xml"));
        params.put("PayXml", resource("/seed-pay.xml"));
        params.put("TH", "0");
        params.put("Audit", "0");
        params.put("StoredProcedureName", "UP_TradeTransferToSale");
        return params;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ErpSandboxTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static HttpResponse<String> postJson(Map<String, String> params) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(params);
        body.put("TH", Integer.parseInt(params.get("TH")));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + ErpSandbox.PATH))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxHttp.MAPPER.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> reply) {
        return SandboxHttp.MAPPER.readTree(reply.body()).get("Code").asString();
    }
}
