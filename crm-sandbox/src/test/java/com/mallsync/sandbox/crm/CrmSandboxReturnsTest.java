package com.mallsync.sandbox.crm;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Returns over real HTTP (seed: OriginalCode "关联单号(退货单关联)", 1.4 "退货金额和数量必须都为负数"): a return names a
 * stored sale of its ShopCode and takes back no more than that sale has left.
 */
class CrmSandboxReturnsTest {

    @BeforeAll
    static void start() {
        CrmSandboxTest.sandbox = CrmSandbox.start(0, CrmSandboxTest.APP_ID, CrmSandboxTest.TOKEN);
    }

    @AfterAll
    static void stop() {
        CrmSandboxTest.sandbox.close();
    }

    @BeforeEach
    void reset() {
        CrmSandboxTest.sandbox.reset();
    }

    /** The sale of {@link CrmSandboxTest#order} (two rows: 15026609123 1 × 200.00, 15026609124 1 × 250.00). */
    static ObjectNode sale(String code) {
        return CrmSandboxTest.order("HQS0001", code);
    }

    /** A return of {@code qty} of bar code 15026609123 at 200.00 each, of the sale {@code original}. */
    static ObjectNode back(String code, String original, int qty, String amount) {
        ObjectNode o = CrmSandboxTest.order("HQS0001", code);
        o.put("OriginalCode", original).put("TotalQty", -qty).put("TotalMoney", new BigDecimal(amount).negate())
                .put("PayAmount", new BigDecimal(amount).negate());
        ArrayNode dtls = o.putArray("Dtls");
        dtls.addObject().put("BarCode", "15026609123").put("PriceOriginal", new BigDecimal("250.00"))
                .put("PriceSell", new BigDecimal("200.00")).put("Quantity", -qty)
                .put("Amount", new BigDecimal(amount).negate()).put("DiscountMoney", new BigDecimal("50.00"));
        o.put("DiscountMoney", new BigDecimal("50.00"));
        return o;
    }

    static JsonNode post(JsonNode... orders) throws Exception {
        return CrmSandboxTest.post(List.of(orders));
    }

    static JsonNode admin(String path) throws Exception {
        HttpResponse<String> r = CrmSandboxTest.HTTP.send(HttpRequest.newBuilder(
                URI.create(CrmSandboxTest.sandbox.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return ThirdOrdAddHandler.JSON.readTree(r.body());
    }

    @Test
    void aReturnOfAStoredSaleIsStoredAndListedWithItsOriginalCode() throws Exception {
        assertThat(post(sale("S1")).get("Status").booleanValue()).isTrue();
        JsonNode reply = post(back("S1R1", "S1", 1, "200.00"));

        assertThat(reply.get("Status").booleanValue()).as(reply.toString()).isTrue();
        JsonNode orders = admin("/sandbox/orders");
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).get("originalCode").isNull()).isTrue();
        assertThat(orders.get(1).get("originalCode").stringValue()).isEqualTo("S1");
        assertThat(orders.get(1).has("return")).isFalse();
        JsonNode stats = admin("/sandbox/stats");
        assertThat(stats.get("orders").intValue()).isEqualTo(2);
        assertThat(stats.get("sales").intValue()).isEqualTo(1);
        assertThat(stats.get("returns").intValue()).isEqualTo(1);
    }

    @Test
    void aReturnNamingNoStoredSaleOfItsShopCodeIsRefused() throws Exception {
        post(CrmSandboxTest.order("OTHER", "S2"));
        JsonNode reply = post(back("S2R1", "S2", 1, "200.00"));

        assertThat(reply.get("Status").booleanValue()).isFalse();
        assertThat(reply.get("StatusCode").intValue()).isEqualTo(400);
        assertThat(reply.get("Msg").stringValue()).contains("关联单号S2不存在");
        // a sale in the same request is not stored yet
        assertThat(post(sale("S3"), back("S3R1", "S3", 1, "200.00")).get("Msg").stringValue()).contains("不存在");
        assertThat(CrmSandboxTest.sandbox.stats().returns()).isZero();
    }

    @Test
    void aReturnWithAPositiveFigureIsRefusedUnder14() throws Exception {
        post(sale("S4"));
        ObjectNode positive = back("S4R1", "S4", 1, "200.00");
        ((ObjectNode) positive.get("Dtls").get(0)).put("Quantity", 1);
        positive.put("TotalQty", 1);

        assertThat(post(positive).get("Msg").stringValue()).contains("退货金额和数量必须都为负数");
    }

    @Test
    void returnsTogetherMayNotTakeBackMoreThanTheSaleHeld() throws Exception {
        post(sale("S5"));
        assertThat(post(back("S5R1", "S5", 2, "400.00")).get("Msg").stringValue())
                .as("2 returned of 1 sold").contains("退货超出原单S5").contains("quantity 2, 1 left");
        assertThat(post(back("S5R1", "S5", 1, "200.00")).get("Status").booleanValue()).isTrue();
        assertThat(post(back("S5R2", "S5", 1, "200.00")).get("Msg").stringValue())
                .as("the one sold is returned already").contains("退货超出原单S5").contains("0 left");
        assertThat(post(back("S5R1", "S5", 1, "200.00")).get("StatusCode").intValue())
                .as("the same return again is a repeat, not a second return").isEqualTo(CrmSandbox.DUPLICATE_STATUS_CODE);
        assertThat(CrmSandboxTest.sandbox.stats().returns()).isEqualTo(1);
    }

    @Test
    void aReturnMayNotTakeBackMoreMoneyThanItsBarCodeWasSoldFor() throws Exception {
        post(sale("S6"));
        JsonNode reply = post(back("S6R1", "S6", 1, "200.01"));

        assertThat(reply.get("Msg").stringValue()).contains("退货超出原单S6").contains("amount 200.01");
    }

    @Test
    void twoReturnsInOneRequestCountTogether() throws Exception {
        post(sale("S7"));
        JsonNode reply = post(back("S7R1", "S7", 1, "200.00"), back("S7R2", "S7", 1, "200.00"));

        assertThat(reply.get("Msg").stringValue()).contains("订单 S7R2").contains("退货超出原单S7");
        assertThat(CrmSandboxTest.sandbox.stats().returns()).isZero();
    }
}
