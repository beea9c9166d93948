package com.mallsync.erpsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;

/**
 * 100,000 orders priced the mall's way ({@link MallCheckout}: lines net of member discount, full-reduce, coupon and
 * points; sometimes a merchant's edit or a mark-up; WeChat, other online, balance and cash-on-delivery payments),
 * seeded so a failure replays. None is refused; FactMoney = {@code total_pay_price}; every master node is the exact
 * sum of its detail node; a fee is negative only in an order with a mark-up. A sample is also read back from the
 * XML, pay node included.
 */
class TradeAmountsPropertyTest {

    private static final int ORDERS = 100_000;
    private static final int FROM_XML = 3_000;
    private static final OffsetDateTime PAID = OffsetDateTime.parse("2025-03-20T16:58:12+08:00");

    @Test
    void everyMallShapedOrderMapsWithTheMastersIdentitiesToTheCent() {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Random random = new Random(20260323L);
        int markUps = 0;
        int negativeFees = 0;
        for (int n = 0; n < ORDERS; n++) {
            MallCheckout c = MallCheckout.random(random, CheckoutPush.randomItems(random));
            OrderPaid order = CheckoutPush.orderPaid(c, 222, "E" + n, PAID);
            TradeAmounts a = TradeAmounts.of(order);
            int k = n;
            Function<String, AssertionError> fail = what -> new AssertionError("order " + k + ": " + what + "\n" + c
                    + "\n" + a);
            same(a.originalMoney(), sum(a, TradeAmounts.Line::oldPrice), "OriginalMoney = Σ OldPrice", fail);
            same(a.contractFeeBefore(), sum(a, TradeAmounts.Line::contractFeeItem), "ContractFeeBefore", fail);
            same(a.contractFee(), sum(a, TradeAmounts.Line::reductionFeeItem), "ContractFee = Σ ReductionFeeItem", fail);
            same(a.otherFee(), sum(a, TradeAmounts.Line::otherFeeItem), "OtherFee = Σ OtherFeeItem", fail);
            same(a.totalMoney(), sum(a, TradeAmounts.Line::price), "TotalMoney = Σ Price", fail);
            same(a.contractFee(), c.coupon().add(c.pointsMoney()), "ContractFee = coupon + points", fail);
            same(a.factMoney(), c.totalPayPrice(), "FactMoney = total_pay_price", fail);
            same(a.totalMoney().subtract(a.contractFee()).subtract(a.otherFee()).subtract(a.reductionFee())
                    .add(a.freight()).add(a.lateFee()), a.factMoney(), "FactMoney identity", fail);
            same(a.freight(), c.express(), "Freight = express_price", fail);
            same(a.refundFee(), Money.ZERO, "RefundFee 0 on a sale", fail);
            boolean negative = false;
            for (TradeAmounts.Line l : a.lines()) {
                same(l.price(), l.oldPrice().subtract(l.contractFeeItem()), "Price = OldPrice - ContractFeeItem", fail);
                negative |= l.contractFeeItem().signum() < 0 || l.reductionFeeItem().signum() < 0
                        || l.otherFeeItem().signum() < 0 || l.price().signum() < 0;
            }
            if (negative && !c.markedUp()) {
                throw fail.apply("a negative fee without a mark-up");
            }
            markUps += c.markedUp() ? 1 : 0;
            negativeFees += negative ? 1 : 0;
        }
        System.out.printf("ERP property: %d orders, %d with a mark-up, %d of them with a negative fee node, none "
                + "refused, %d ms CPU%n", ORDERS, markUps, negativeFees,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
        assertThat(negativeFees).isPositive().isLessThanOrEqualTo(markUps);
    }

    @Test
    void aSampleReadBackFromTheXmlAddsUpAndPaysWhatWasPaid() throws Exception {
        Random random = new Random(7L);
        for (int n = 0; n < FROM_XML; n++) {
            OrderPaid order = randomOrder(random, n);
            ErpTrade trade = ErpTradeMapping.map(order, TestSettings.DEFAULTS);
            Map<String, String> master = XmlRows.read(trade.masterXml(), "master").get(0);
            List<Map<String, String>> details = XmlRows.read(trade.detailXml(), "detail");
            List<Map<String, String>> pays = XmlRows.read(trade.payXml(), "pay");
            assertThat(details).hasSize(order.lines().size());
            for (String[] pair : new String[][] {{"OriginalMoney", "OldPrice"}, {"ContractFeeBefore", "ContractFeeItem"},
                    {"ContractFee", "ReductionFeeItem"}, {"OtherFee", "OtherFeeItem"}, {"TotalMoney", "Price"}}) {
                assertThat(num(master, pair[0])).as("order %d %s", n, pair[0])
                        .isEqualByComparingTo(details.stream().map(d -> num(d, pair[1])).reduce(BigDecimal.ZERO,
                                BigDecimal::add));
            }
            assertThat(pays).hasSize(1);
            assertThat(num(pays.get(0), "FactMoney")).isEqualByComparingTo(num(master, "FactMoney"))
                    .isEqualByComparingTo(order.amounts().totalPayPrice());
            assertThat(pays.get(0).get("PayChannel")).isIn("PC_WX", "PC_ONLINE", "PC_BALANCE", "PC_COD");
            if (!order.paidWithWeChat()) {
                assertThat(pays.get(0).get("PayChannel")).isNotEqualTo("PC_WX");
            }
        }
    }

    /** A random mall-shaped order (also sent to the sandbox by {@code MappingAgainstSandboxTest}). */
    static OrderPaid randomOrder(Random random, int n) {
        return CheckoutPush.orderPaid(MallCheckout.random(random, CheckoutPush.randomItems(random)), 222, "R" + n,
                OffsetDateTime.now().withNano(0).minusMinutes(1));
    }

    private static void same(BigDecimal actual, BigDecimal expected, String what,
                             Function<String, AssertionError> fail) {
        if (actual.compareTo(expected) != 0) {
            throw fail.apply(what + ": " + actual.toPlainString() + " != " + expected.toPlainString());
        }
    }

    private static BigDecimal sum(TradeAmounts a, Function<TradeAmounts.Line, BigDecimal> node) {
        return Money.sum(a.lines().stream().map(node).toList());
    }

    private static BigDecimal num(Map<String, String> row, String node) {
        return new BigDecimal(row.get(node));
    }
}
