package com.mallsync.erpsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;

/**
 * Random orders (seeded, so a failure replays) through the whole mapping, read back from the XML: every master
 * node is the exact sum of its detail node, to the cent, and every share is within a cent of its exact proportion.
 */
class TradeAmountsPropertyTest {

    private static final int ORDERS = 20_000;
    private static final BigDecimal CENT = new BigDecimal("0.01");

    @Test
    void linesAddUpToTheMasterToTheCentOnRandomOrders() throws Exception {
        Random random = new Random(20260323L);
        int withMallLineDiscounts = 0;
        for (int n = 0; n < ORDERS; n++) {
            OrderPaid order = randomOrder(random, n);
            ErpTrade trade = ErpTradeMapping.map(order, TestSettings.DEFAULTS);
            Map<String, String> master = XmlRows.read(trade.masterXml(), "master").get(0);
            List<Map<String, String>> details = XmlRows.read(trade.detailXml(), "detail");
            List<Map<String, String>> pays = XmlRows.read(trade.payXml(), "pay");
            String where = "order " + n + " " + order.amounts() + " " + details;

            assertThat(details).as(where).hasSize(order.lines().size());
            assertSum(master, "OriginalMoney", details, "OldPrice", where);
            assertSum(master, "ContractFeeBefore", details, "ContractFeeItem", where);
            assertSum(master, "ContractFee", details, "ReductionFeeItem", where);
            assertSum(master, "OtherFee", details, "OtherFeeItem", where);
            assertSum(master, "TotalMoney", details, "Price", where);
            assertSum(master, "FactMoney", pays, "FactMoney", where);
            for (Map<String, String> d : details) {
                assertThat(num(d, "Price")).as(where).isEqualByComparingTo(num(d, "OldPrice").subtract(num(d, "ContractFeeItem")));
                for (String node : List.of("Price", "ContractFeeItem", "ReductionFeeItem", "OtherFeeItem")) {
                    assertThat(num(d, node).signum()).as(where + " " + node + " not negative").isGreaterThanOrEqualTo(0);
                }
            }
            BigDecimal fact = num(master, "TotalMoney").subtract(num(master, "ContractFee"))
                    .subtract(num(master, "OtherFee")).subtract(num(master, "ReductionFee"))
                    .add(num(master, "Freight")).add(num(master, "LateFee"));
            assertThat(num(master, "FactMoney")).as(where).isEqualByComparingTo(fact)
                    .isEqualByComparingTo(order.amounts().totalPayPrice());
            assertThat(num(master, "ContractFee")).as(where).isEqualByComparingTo(
                    order.amounts().couponDiscount().add(order.amounts().pointsDeduction()));

            boolean mallShared = order.lines().stream().map(OrderLine::memberDiscount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(order.amounts().memberDiscount()) == 0;
            if (mallShared) {
                withMallLineDiscounts++;
            } else {
                assertFair(num(master, "ContractFeeBefore"), details, "ContractFeeItem", d -> num(d, "OldPrice"), where);
            }
            assertFair(num(master, "ContractFee"), details, "ReductionFeeItem", d -> num(d, "Price"), where);
        }
        assertThat(withMallLineDiscounts).as("both branches of the member discount are exercised")
                .isBetween(ORDERS / 10, ORDERS - ORDERS / 10);
    }

    /** Each share is within one cent of its exact proportional value (what largest remainder guarantees). */
    private static void assertFair(BigDecimal total, List<Map<String, String>> rows, String node,
                                   Function<Map<String, String>, BigDecimal> weight, String where) {
        BigDecimal weights = rows.stream().map(weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weights.signum() == 0) {
            return;
        }
        for (Map<String, String> row : rows) {
            BigDecimal exact = total.multiply(weight.apply(row)).divide(weights, MathContext.DECIMAL128);
            assertThat(num(row, node).subtract(exact).abs()).as(where + " " + node + " fair").isLessThan(CENT);
        }
    }

    private static void assertSum(Map<String, String> master, String masterNode, List<Map<String, String>> rows,
                                  String node, String where) {
        BigDecimal sum = rows.stream().map(r -> num(r, node)).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).as(where + ": Σ " + node + " = " + masterNode).isEqualByComparingTo(num(master, masterNode));
    }

    private static BigDecimal num(Map<String, String> row, String node) {
        return new BigDecimal(row.get(node));
    }

    /** A consistent random order: 1–8 lines, member discount, coupon, points, freight and an unexplained discount. */
    static OrderPaid randomOrder(Random random, int n) {
        int count = 1 + random.nextInt(8);
        List<BigDecimal> totals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            totals.add(cents(random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(200_000)));
        }
        BigDecimal goods = totals.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal member = random.nextInt(3) == 0 ? BigDecimal.ZERO.setScale(2) : part(random, goods);
        boolean mallShares = random.nextBoolean();
        List<BigDecimal> lineMember = new ArrayList<>();
        BigDecimal left = member;
        for (int i = 0; i < count; i++) {
            BigDecimal share = !mallShares ? cents(random.nextInt(3))
                    : i == count - 1 ? left.min(totals.get(i)) : part(random, left.min(totals.get(i)));
            lineMember.add(share);
            left = left.subtract(share);
        }
        BigDecimal afterMember = goods.subtract(member);
        BigDecimal coupon = random.nextBoolean() ? part(random, afterMember) : BigDecimal.ZERO.setScale(2);
        BigDecimal points = part(random, afterMember.subtract(coupon).divide(BigDecimal.TEN, 2, java.math.RoundingMode.DOWN));
        BigDecimal freight = random.nextBoolean() ? cents(random.nextInt(3_000)) : BigDecimal.ZERO.setScale(2);
        BigDecimal beforeOther = afterMember.subtract(coupon).subtract(points);
        BigDecimal other = random.nextInt(4) == 0 ? part(random, beforeOther) : BigDecimal.ZERO.setScale(2);
        BigDecimal paid = beforeOther.subtract(other).add(freight);
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(new OrderLine((long) i, 1000L + i, 2000L + i, "", "", "", "goods " + i, List.of(), 1 + random.nextInt(5),
                    totals.get(i), totals.get(i), totals.get(i).subtract(lineMember.get(i)), lineMember.get(i), null));
        }
        OrderAmounts amounts = new OrderAmounts(paid, paid, afterMember, goods, freight, freight, member, coupon,
                coupon.signum() > 0 ? 1 : 0, points, points.signum() > 0 ? 100 : 0, BigDecimal.ZERO.setScale(2));
        String orderNo = "P" + n;
        return new OrderPaid(1, OrderPaid.eventIdFor(222, orderNo), java.time.Instant.EPOCH, 222, orderNo, (long) n,
                "PAY" + n, null, null, 1, List.of(), amounts, null, lines, null, null, "{}");
    }

    private static BigDecimal part(Random random, BigDecimal max) {
        long maxCents = max.movePointRight(2).longValueExact();
        return maxCents <= 0 ? BigDecimal.ZERO.setScale(2) : cents(Math.floorMod(random.nextLong(), maxCents + 1));
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
