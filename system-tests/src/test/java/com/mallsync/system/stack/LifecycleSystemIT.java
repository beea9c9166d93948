package com.mallsync.system.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.Component;
import com.mallsync.stack.LocalStack;
import com.mallsync.stack.StackLayout;
import com.mallsync.stack.StackOptions;
import com.mallsync.stack.StackPorts;
import com.mallsync.stack.lifecycle.LaterPush;
import com.mallsync.stack.lifecycle.OrderState;
import com.mallsync.stack.lifecycle.OrderStory;
import com.mallsync.stack.load.OutcomeCollector;
import com.mallsync.system.check.EvidenceCollector;
import com.mallsync.system.check.SandboxAdmin;
import com.mallsync.system.check.SystemCheck;
import com.mallsync.system.check.Verdict;
import com.mallsync.system.orders.SignedOrders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13's "Done when", over real HTTP: the real services as processes on a broker process with both sandboxes
 * (the local stack, default configuration: the CRM uploads on CONFIRMED), a mall pushing an order again at each
 * change. Each case has its own order of two lines, priced by hand from the seed's rules (MALL-FIELDS.md): line 1
 * 30.00 × 2, line 2 15.50 × 1, a 5.00 coupon shared into the lines' {@code total_price} (56.00 and 14.50), freight
 * 8.00, so {@code total_pay_price} = 70.50 + 8.00 = 78.50. What each sandbox holds is read from its own
 * {@code /sandbox/orders}, and the sums are checked from the seeds' rules (2030 1.4: Σ Dtls.Amount = TotalMoney,
 * Σ Quantity = TotalQty, returns all negative; ERP: TH 1, RefundFee = what the buyer paid for what goes back).
 */
class LifecycleSystemIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final long MALL = SignedOrders.MALL_ID;
    private static final long LINE_1 = 7001;
    private static final long LINE_2 = 7002;
    private static final String BAR_CODE_1 = "6901234567001";
    private static final String BAR_CODE_2 = "6901234567002";
    private static final BigDecimal PAID = new BigDecimal("78.50");
    private static final BigDecimal GOODS_PAID = new BigDecimal("70.50");
    private static final BigDecimal LINE_2_PAID = new BigDecimal("14.50");

    @TempDir
    static Path data;
    static LocalStack stack;
    static SignedOrders orders;
    static OutcomeCollector outcomes;

    @BeforeAll
    static void startStack() {
        StackLayout layout = StackLayout.locate(Path.of("")).withDataDir(data.resolve("stack"));
        stack = LocalStack.start(StackOptions.builder(layout).ports(StackPorts.random()).without(Component.OPS_CONSOLE)
                .startupWait(Duration.ofMinutes(6)).build());
        System.out.print("[lifecycle] stack healthy\n" + stack.table());
        orders = new SignedOrders(SignedOrders.runIdFrom(Clock.systemUTC()), Clock.systemUTC());
        outcomes = OutcomeCollector.fromBeginning(stack.bootstrapServers());
    }

    @AfterAll
    static void stopStack() {
        if (outcomes != null) {
            outcomes.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void paidThenConfirmedReachesTheErpAtPaymentAndTheCrmOnlyAfterTheConfirmation() {
        TwoLines order = new TwoLines(0);

        order.push(OrderState.PAID);
        assertThat(order.outcome(OrderEvent.PAID, null, SyncTarget.ERP).status()).isEqualTo(SyncStatus.SYNCED);
        SyncOutcome crmPaid = order.outcome(OrderEvent.PAID, null, SyncTarget.CRM_2030);
        assertThat(crmPaid.status()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(crmPaid.reason()).isNotBlank();
        assertThat(order.erp()).singleElement().satisfies(sale -> assertThat(sale.path("th").asInt()).isZero());
        assertThat(order.crm()).as("the CRM holds nothing before the confirmation").isEmpty();

        Instant confirmedAt = Instant.now();
        order.push(OrderState.PAID.withConfirmed());
        assertThat(order.outcome(OrderEvent.CONFIRMED, null, SyncTarget.CRM_2030).status())
                .isEqualTo(SyncStatus.SYNCED);
        assertThat(order.outcome(OrderEvent.CONFIRMED, null, SyncTarget.ERP).status()).isEqualTo(SyncStatus.SKIPPED);

        JsonNode sale = single(order.crm());
        assertThat(sale.path("originalCode").isNull() || sale.path("originalCode").isMissingNode()).isTrue();
        assertThat(instant(sale.path("storedAt"))).isAfter(confirmedAt);
        JsonNode row = sale.path("order");
        assertThat(row.path("Code").asString()).isEqualTo(order.orderNo);
        assertOneFourSums(row);
        // the goods rows carry what the buyer paid for the goods (total_goods_price; freight is a row of its own
        // only where the shop has a freight bar code)
        assertThat(money(line(row, BAR_CODE_1).path("Amount")).add(money(line(row, BAR_CODE_2).path("Amount"))))
                .isEqualByComparingTo(GOODS_PAID);
        assertThat(order.erp()).as("the ERP still holds the sale only").hasSize(1);
        order.awaitNothingMore(4);
    }

    @Test
    void paidThenCancelledBeforeConfirmationIsASaleAndOneReturnAtTheErpAndNothingAtTheCrm() {
        TwoLines order = new TwoLines(1);

        order.push(OrderState.PAID);
        order.outcome(OrderEvent.PAID, null, SyncTarget.ERP);
        order.outcome(OrderEvent.PAID, null, SyncTarget.CRM_2030);
        order.push(OrderState.PAID.withCancelled());

        assertThat(order.outcome(OrderEvent.CANCELLED, null, SyncTarget.ERP).status()).isEqualTo(SyncStatus.SYNCED);
        SyncOutcome crm = order.outcome(OrderEvent.CANCELLED, null, SyncTarget.CRM_2030);
        assertThat(crm.status()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(crm.reason()).isNotBlank();
        assertThat(outcomes.outcomes(order.key())).filteredOn(o -> o.target() == SyncTarget.CRM_2030)
                .extracting(SyncOutcome::status).containsExactly(SyncStatus.SKIPPED, SyncStatus.SKIPPED);
        assertThat(order.crm()).isEmpty();

        List<JsonNode> erp = order.erp();
        assertThat(erp).extracting(e -> e.path("th").asInt()).containsExactlyInAnyOrder(0, 1);
        JsonNode sale = erp.stream().filter(e -> e.path("th").asInt() == 0).findFirst().orElseThrow();
        JsonNode back = erp.stream().filter(e -> e.path("th").asInt() == 1).findFirst().orElseThrow();
        assertReturnLinkedToItsSale(back, sale, order.orderNo);
        // a cancellation before anything was refunded gives back all that was paid, freight included
        assertThat(money(back.path("master").path("RefundFee"))).isEqualByComparingTo(PAID);
        assertThat(back.path("details")).hasSize(2);
        order.awaitNothingMore(4);
    }

    @Test
    void confirmedThenOneLineRefundedIsASaleAndAReturnOfThatLineAtBothTargets() {
        TwoLines order = new TwoLines(2);

        order.push(OrderState.PAID);
        order.outcome(OrderEvent.PAID, null, SyncTarget.ERP);
        order.push(OrderState.PAID.withConfirmed());
        order.outcome(OrderEvent.CONFIRMED, null, SyncTarget.CRM_2030);
        order.push(OrderState.PAID.withConfirmed().withRefunded(LINE_2));

        assertThat(order.outcome(OrderEvent.REFUNDED, LINE_2, SyncTarget.CRM_2030).status())
                .isEqualTo(SyncStatus.SYNCED);
        assertThat(order.outcome(OrderEvent.REFUNDED, LINE_2, SyncTarget.ERP).status()).isEqualTo(SyncStatus.SYNCED);
        assertCrmSaleAndReturnOfLineTwo(order);
        assertErpSaleAndReturnOfLineTwo(order);
        order.awaitNothingMore(6);
    }

    @Test
    void everyPushSentTwiceLeavesNothingHeldTwiceAnywhere() {
        TwoLines order = new TwoLines(3);
        List<OrderState> pushes = List.of(OrderState.PAID, OrderState.PAID.withConfirmed(),
                OrderState.PAID.withConfirmed().withRefunded(LINE_2));

        for (OrderState state : pushes) {
            order.push(state);
            order.push(state);
        }
        order.outcome(OrderEvent.REFUNDED, LINE_2, SyncTarget.CRM_2030);
        order.outcome(OrderEvent.REFUNDED, LINE_2, SyncTarget.ERP);
        order.awaitNothingMore(6);

        assertCrmSaleAndReturnOfLineTwo(order);
        assertErpSaleAndReturnOfLineTwo(order);
        SandboxAdmin crm = new SandboxAdmin(stack.url(Component.CRM_SANDBOX));
        SandboxAdmin erp = new SandboxAdmin(stack.url(Component.ERP_SANDBOX));
        Verdict verdict = SystemCheck.judge(new EvidenceCollector(stack.bootstrapServers(), crm, erp).collect(MALL,
                Map.of(order.orderNo, new OrderStory(List.of(LINE_1, LINE_2), pushes)), OrderEvent.CONFIRMED,
                Map.of(), SignedOrders.PLANTED_MOBILE));
        System.out.print("[lifecycle] every push twice:\n" + verdict.report());
        assertThat(verdict.violations()).isEmpty();
        assertThat(crm.stats().doubleCreations()).isZero();
        assertThat(erp.stats().doubleCreations()).isZero();
    }

    private static void assertCrmSaleAndReturnOfLineTwo(TwoLines order) {
        List<JsonNode> crm = order.crm();
        assertThat(crm).hasSize(2);
        JsonNode sale = crm.stream().filter(e -> text(e.path("originalCode")).isEmpty()).findFirst().orElseThrow();
        JsonNode back = crm.stream().filter(e -> !text(e.path("originalCode")).isEmpty()).findFirst().orElseThrow();
        JsonNode saleRow = sale.path("order");
        JsonNode returnRow = back.path("order");
        assertThat(saleRow.path("Code").asString()).isEqualTo(order.orderNo);
        assertThat(back.path("originalCode").asString()).isEqualTo(order.orderNo);
        assertThat(returnRow.path("OriginalCode").asString()).isEqualTo(order.orderNo);
        assertThat(returnRow.path("Code").asString()).isNotEqualTo(order.orderNo).hasSizeLessThanOrEqualTo(26);
        assertOneFourSums(saleRow);
        assertOneFourSums(returnRow);
        // seed 1.4 "退货金额和数量必须都为负数": the line as the sale carried it, negated
        JsonNode soldLine = line(saleRow, BAR_CODE_2);
        assertThat(money(soldLine.path("Amount"))).isEqualByComparingTo(LINE_2_PAID);
        assertThat(returnRow.path("Dtls")).singleElement().satisfies(returned -> {
            assertThat(returned.path("BarCode").asString()).isEqualTo(BAR_CODE_2);
            assertThat(returned.path("Quantity").asInt()).isEqualTo(-soldLine.path("Quantity").asInt()).isNegative();
            assertThat(money(returned.path("Amount"))).isEqualByComparingTo(money(soldLine.path("Amount")).negate());
        });
        assertThat(money(returnRow.path("TotalMoney"))).isEqualByComparingTo(LINE_2_PAID.negate());
        assertThat(returnRow.path("TotalQty").asInt()).isEqualTo(-1);
        assertThat(money(returnRow.path("PayAmount"))).isNegative();
    }

    private static void assertErpSaleAndReturnOfLineTwo(TwoLines order) {
        List<JsonNode> erp = order.erp();
        assertThat(erp).extracting(e -> e.path("th").asInt()).containsExactlyInAnyOrder(0, 1);
        JsonNode sale = erp.stream().filter(e -> e.path("th").asInt() == 0).findFirst().orElseThrow();
        JsonNode back = erp.stream().filter(e -> e.path("th").asInt() == 1).findFirst().orElseThrow();
        assertReturnLinkedToItsSale(back, sale, order.orderNo);
        // what the buyer paid for that line after the shared coupon: its total_price
        assertThat(money(back.path("master").path("RefundFee"))).isEqualByComparingTo(LINE_2_PAID);
        assertThat(back.path("details")).hasSize(1);
        assertThat(sale.path("details")).hasSize(2);
    }

    private static void assertReturnLinkedToItsSale(JsonNode back, JsonNode sale, String orderNo) {
        assertThat(sale.path("master").path("TradeID").asString()).isEqualTo(orderNo);
        assertThat(back.path("master").path("TradeID").asString()).isEqualTo(orderNo);
        assertThat(back.path("uid").asString()).isEqualTo(sale.path("uid").asString());
        String outerId = back.path("outerId").asString();
        assertThat(outerId).isNotEqualTo(sale.path("outerId").asString()).hasSizeLessThanOrEqualTo(32);
        assertThat(money(back.path("master").path("RefundFee"))).isPositive();
    }

    /** 2030 1.4: Σ Dtls.Amount = TotalMoney, Σ Quantity = TotalQty, Dtls not empty. */
    private static void assertOneFourSums(JsonNode row) {
        JsonNode dtls = row.path("Dtls");
        assertThat(dtls.isEmpty()).isFalse();
        BigDecimal amounts = BigDecimal.ZERO;
        int quantities = 0;
        for (JsonNode d : dtls) {
            amounts = amounts.add(money(d.path("Amount")));
            quantities += d.path("Quantity").asInt();
        }
        assertThat(amounts).isEqualByComparingTo(money(row.path("TotalMoney")));
        assertThat(quantities).isEqualTo(row.path("TotalQty").asInt());
    }

    private static JsonNode line(JsonNode row, String barCode) {
        for (JsonNode d : row.path("Dtls")) {
            if (barCode.equals(d.path("BarCode").asString())) {
                return d;
            }
        }
        throw new AssertionError("no Dtls row with BarCode " + barCode + " in " + row);
    }

    private static JsonNode single(List<JsonNode> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static BigDecimal money(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString());
    }

    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9)
                    .longValue());
        }
        return Instant.parse(node.asString());
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : node.asString();
    }

    /** One order of the case, pushed at each change as the mall does. */
    private static final class TwoLines {
        final String orderNo;
        final ObjectNode paid;

        TwoLines(int index) {
            this.orderNo = orders.orderNo(index);
            this.paid = twoLines(orders.unsigned(index));
        }

        String key() {
            return Topics.orderKey(MALL, orderNo);
        }

        /** Pushes the order showing {@code state}; ingest must answer 200 with code 0. */
        void push(OrderState state) {
            byte[] body = SignedOrders.sign(LaterPush.of(paid, state, Instant.now().atZone(MallTime.ZONE)),
                    SignedOrders.MALL_SECRET);
            HttpResponse<String> response = StackHttp.send("POST", stack.webhookUrl(),
                    new String(body, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Json.tree(response.body()).path("code").asInt(-1)).as(response.body()).isZero();
        }

        /** The one outcome of an event at a target, once it is there. */
        SyncOutcome outcome(OrderEvent event, Long line, SyncTarget target) {
            UUID id = event.eventId(MALL, orderNo, line);
            await().atMost(PATIENCE).until(() -> find(id, target).isPresent());
            return find(id, target).orElseThrow();
        }

        private Optional<SyncOutcome> find(UUID id, SyncTarget target) {
            return outcomes.outcomesOf(id).stream().filter(o -> o.target() == target).findFirst();
        }

        /** Waits until the order has {@code count} outcomes and no more arrive; each event has one per target. */
        void awaitNothingMore(int count) {
            await().atMost(PATIENCE).until(() -> outcomes.outcomes(key()).size() >= count);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                    .until(() -> outcomes.outcomes(key()).size() == count);
            List<String> seen = new ArrayList<>();
            outcomes.outcomes(key()).forEach(o -> seen.add(o.eventId() + " " + o.target()));
            assertThat(seen).as(outcomes.outcomes(key()).toString()).doesNotHaveDuplicates();
        }

        /** The CRM sandbox's entries of this order (sale and returns). */
        List<JsonNode> crm() {
            return entries(Component.CRM_SANDBOX, e -> text(e.path("code")).startsWith(orderNo)
                    || text(e.path("originalCode")).equals(orderNo));
        }

        /** The ERP sandbox's entries of this order (sale and returns, by the master's TradeID). */
        List<JsonNode> erp() {
            return entries(Component.ERP_SANDBOX, e -> orderNo.equals(text(e.path("master").path("TradeID"))));
        }

        private static List<JsonNode> entries(Component sandbox, Predicate<JsonNode> ours) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode entry : StackHttp.get(stack.url(sandbox) + "/sandbox/orders")) {
                if (ours.test(entry)) {
                    found.add(entry);
                }
            }
            return found;
        }
    }

    /** The seed's push with two lines and a coupon, priced as the mall prices (MALL-FIELDS.md). */
    static ObjectNode twoLines(ObjectNode push) {
        ObjectNode template = (ObjectNode) push.get("detail").get(0);
        ArrayNode detail = push.putArray("detail");
        detail.add(line(template, LINE_1, 182_701, "30.00", 2, "60.00", "56.00", BAR_CODE_1));
        detail.add(line(template, LINE_2, 182_702, "15.50", 1, "15.50", "14.50", BAR_CODE_2));
        push.put("total_goods_original_price", "75.50");
        push.put("coupon_discount_price", "5.00");
        push.put("use_user_coupon_id", 4242);
        push.put("total_goods_price", "70.50");
        push.put("express_original_price", "8.00");
        push.put("express_price", "8.00");
        push.put("total_price", "78.50");
        push.put("total_pay_price", "78.50");
        return push;
    }

    private static ObjectNode line(ObjectNode template, long id, long goodsId, String unit, int num, String original,
                                   String total, String barCode) {
        ObjectNode line = template.deepCopy();
        line.put("id", id);
        line.put("goods_id", goodsId);
        line.put("num", num);
        line.put("unit_price", unit);
        line.put("total_original_price", original);
        line.put("total_price", total);
        line.put("member_discount_price", "0.00");
        line.put("goods_no", "G" + goodsId);
        ObjectNode sku = (ObjectNode) line.get("goods_info").get("goods_attr");
        sku.put("id", goodsId + 300_000);
        sku.put("goods_id", goodsId);
        sku.put("price", unit);
        sku.put("original_price", unit);
        sku.put("bar_code", barCode);
        sku.put("no", "SKU" + goodsId);
        return line;
    }
}
