package com.mallsync.erpsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;

/**
 * Over many orders priced the mall's way ({@link MallCheckout}), seeded so a failure replays: the returns of every
 * line one by one plus the freight give back exactly {@code total_pay_price}; a cancellation after a random set of
 * line returns gives back exactly the rest; every return's master is the sum of its details and its FactMoney
 * identity holds as for a sale, RefundFee = FactMoney, never negative for an order without a mark-up. A sample is
 * read back from the XML.
 */
class ReturnAmountsPropertyTest {

    private static final int ORDERS = 20_000;
    private static final int FROM_XML = 1_000;
    private static final OffsetDateTime PAID = OffsetDateTime.parse("2025-03-20T16:58:12+08:00");

    @Test
    void lineReturnsPlusFreightAndACancellationOfTheRestGiveBackExactlyWhatWasPaid() {
        Random random = new Random(20261302L);
        for (int n = 0; n < ORDERS; n++) {
            MallCheckout c = MallCheckout.random(random, CheckoutPush.randomItems(random));
            OrderPaid order = CheckoutPush.orderPaid(c, 222, "E" + n, PAID);
            TradeAmounts sale = TradeAmounts.of(order);
            int lines = order.lines().size();
            BigDecimal everyLine = Money.ZERO;
            for (int i = 0; i < lines; i++) {
                TradeAmounts line = sale.returnOf(List.of(i), false);
                identities(line, n);
                everyLine = everyLine.add(line.refundFee());
                if (!c.markedUp()) {
                    assertThat(line.refundFee().signum()).as("order %d line %d", n, i).isNotNegative();
                }
            }
            assertThat(everyLine.add(sale.freight())).as("order %d: Σ line returns + freight", n)
                    .isEqualByComparingTo(c.totalPayPrice());

            List<Integer> returned = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                (random.nextInt(3) == 0 ? returned : rest).add(i);
            }
            if (rest.isEmpty()) {
                continue;
            }
            BigDecimal before = Money.sum(returned.stream().map(i -> sale.returnOf(List.of(i), false).refundFee())
                    .toList());
            TradeAmounts cancel = sale.returnOf(rest, true);
            identities(cancel, n);
            assertThat(before.add(cancel.refundFee())).as("order %d: line returns + the cancellation's", n)
                    .isEqualByComparingTo(c.totalPayPrice());
        }
    }

    @Test
    void aSampleOfReturnsReadBackFromTheXmlAddsUpAndCarriesTheSalesLines() throws Exception {
        Random random = new Random(11L);
        for (int n = 0; n < FROM_XML; n++) {
            OrderPaid order = TradeAmountsPropertyTest.randomOrder(random, n);
            List<Map<String, String>> saleDetails = XmlRows.read(ErpTradeMapping.map(order, TestSettings.DEFAULTS)
                    .detailXml(), "detail");
            Set<Long> returned = new HashSet<>();
            BigDecimal refunded = Money.ZERO;
            for (int i = 0; i < order.lines().size(); i++) {
                OrderLine line = order.lines().get(i);
                if (random.nextBoolean()) {
                    continue;
                }
                ErpTrade trade = ErpReturnMapping.lineReturn(order, TestSettings.DEFAULTS, line.lineId(), PAID);
                assertThat(XmlRows.read(trade.detailXml(), "detail")).containsExactly(saleDetails.get(i));
                refunded = refunded.add(readBack(trade, n));
                returned.add(line.lineId());
            }
            if (returned.size() < order.lines().size()) {
                refunded = refunded.add(readBack(ErpReturnMapping.cancelReturn(order, TestSettings.DEFAULTS, returned,
                        PAID), n));
            } else {
                refunded = refunded.add(order.amounts().freight());
            }
            assertThat(refunded).as("order %d", n).isEqualByComparingTo(order.amounts().totalPayPrice());
        }
    }

    private static BigDecimal readBack(ErpTrade trade, int n) throws Exception {
        assertThat(trade.th()).isEqualTo(1);
        Map<String, String> master = XmlRows.read(trade.masterXml(), "master").get(0);
        List<Map<String, String>> details = XmlRows.read(trade.detailXml(), "detail");
        for (String[] pair : new String[][] {{"OriginalMoney", "OldPrice"}, {"ContractFeeBefore", "ContractFeeItem"},
                {"ContractFee", "ReductionFeeItem"}, {"OtherFee", "OtherFeeItem"}, {"TotalMoney", "Price"}}) {
            assertThat(num(master, pair[0])).as("order %d %s", n, pair[0]).isEqualByComparingTo(details.stream()
                    .map(d -> num(d, pair[1])).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        BigDecimal pay = num(XmlRows.read(trade.payXml(), "pay").get(0), "FactMoney");
        assertThat(pay).isEqualByComparingTo(num(master, "FactMoney")).isEqualByComparingTo(num(master, "RefundFee"));
        assertThat(master.get("OuterID")).isNotEqualTo(master.get("TradeID"));
        return num(master, "RefundFee");
    }

    private static void identities(TradeAmounts a, int n) {
        assertThat(a.originalMoney()).as("order %d", n).isEqualByComparingTo(sum(a, TradeAmounts.Line::oldPrice));
        assertThat(a.totalMoney()).isEqualByComparingTo(sum(a, TradeAmounts.Line::price));
        assertThat(a.contractFee()).isEqualByComparingTo(sum(a, TradeAmounts.Line::reductionFeeItem));
        assertThat(a.otherFee()).isEqualByComparingTo(sum(a, TradeAmounts.Line::otherFeeItem));
        assertThat(a.contractFeeBefore()).isEqualByComparingTo(sum(a, TradeAmounts.Line::contractFeeItem));
        assertThat(a.totalMoney().subtract(a.contractFee()).subtract(a.otherFee()).subtract(a.reductionFee())
                .add(a.freight()).add(a.lateFee())).isEqualByComparingTo(a.factMoney());
        assertThat(a.refundFee()).isEqualByComparingTo(a.factMoney());
    }

    private static BigDecimal sum(TradeAmounts a, Function<TradeAmounts.Line, BigDecimal> node) {
        return Money.sum(a.lines().stream().map(node).toList());
    }

    private static BigDecimal num(Map<String, String> row, String node) {
        return new BigDecimal(row.get(node));
    }
}
