package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.mallsync.membersync.TestOrders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Section 1.4: "saleTime必须在一年以内,DiscountMoney不能小于0,退货金额和数量必须都为负数,商品明细不能为空,
 * 明细的合计Amount必须等于主数据的TotalMoney,明细的合计Quantity必须等于主数据的TotalQty", and the field lengths. */
class CrmOrderRulesTest {

    static final Instant NOW = Instant.parse("2025-03-21T00:00:00Z");
    static final CrmOrder SEED = CrmOrderMapping.toCrmOrder(TestOrders.seed(), ShopChannel.of("MALL222"));

    static Optional<String> check(CrmOrder o) {
        return CrmOrderRules.firstViolation(o, NOW);
    }

    static CrmOrder with(String orderTime, int qty, BigDecimal money, BigDecimal discount, String originalCode,
                         List<CrmOrder.Line> dtls) {
        return with(orderTime, qty, money, originalCode == null ? SEED.payAmount() : money, discount, originalCode,
                dtls);
    }

    static CrmOrder with(String orderTime, int qty, BigDecimal money, BigDecimal payAmount, BigDecimal discount,
                         String originalCode, List<CrmOrder.Line> dtls) {
        CrmOrder s = SEED;
        return new CrmOrder(s.shopCode(), s.code(), originalCode, orderTime, qty, money, s.payTime(), payAmount,
                s.buyerCode(), discount, s.recvConsignee(), s.recvMobile(), s.recvTel(), s.recvAddress(), s.recvProvince(),
                s.recvCity(), s.recvCounty(), s.dataOrigin(), dtls);
    }

    static CrmOrder.Line line(String bar, int qty, String amount, String discount) {
        return new CrmOrder.Line(bar, new BigDecimal(amount), new BigDecimal(amount), qty, new BigDecimal(amount),
                new BigDecimal(discount));
    }

    @Test
    void theSeedSamplePassesOnTheDayAfterItWasPaid() {
        assertThat(check(SEED)).isEmpty();
    }

    @Test
    void theSeedSampleIsRefusedMoreThanAYearLater() {
        assertThat(CrmOrderRules.firstViolation(SEED, Instant.parse("2026-03-21T00:00:00Z")))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.SALE_TIME));
    }

    @Test
    void eachRuleOfSection14IsNamedWhenBroken() {
        BigDecimal one = new BigDecimal("1.00");
        assertThat(check(with("2024-03-20 16:58:09", 1, one, BigDecimal.ZERO, null, SEED.dtls())))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.SALE_TIME));
        assertThat(check(with(SEED.orderTime(), 1, one, new BigDecimal("-0.01"), null, SEED.dtls())))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.DISCOUNT));
        assertThat(check(with(SEED.orderTime(), 1, one, BigDecimal.ZERO, null, List.of(line("6901", 1, "1.00", "-1.00")))))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.DISCOUNT));
        assertThat(check(with(SEED.orderTime(), -1, new BigDecimal("-1.00"), BigDecimal.ZERO, "X",
                List.of(line("6901", -1, "1.00", "0.00")))))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.AMOUNT_SUM));
        assertThat(check(with(SEED.orderTime(), -1, new BigDecimal("1.00"), BigDecimal.ZERO, "X",
                List.of(line("6901", -1, "1.00", "0.00")))))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.RETURN_SIGNS));
        assertThat(check(with(SEED.orderTime(), -1, new BigDecimal("-1.00"), BigDecimal.ZERO, "X",
                List.of(line("6901", -1, "-1.00", "0.00"))))).as("a proper return").isEmpty();
        assertThat(check(with(SEED.orderTime(), -1, new BigDecimal("-1.00"), new BigDecimal("1.00"), BigDecimal.ZERO,
                "X", List.of(line("6901", -1, "-1.00", "0.00"))))).as("a return paying out a positive PayAmount")
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.RETURN_SIGNS));
        assertThat(check(with(SEED.orderTime(), 0, BigDecimal.ZERO, BigDecimal.ZERO, null, List.of())))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.DTLS_EMPTY));
        assertThat(check(with(SEED.orderTime(), 1, new BigDecimal("2.00"), BigDecimal.ZERO, null, SEED.dtls())))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.AMOUNT_SUM));
        assertThat(check(with(SEED.orderTime(), 2, one, BigDecimal.ZERO, null, SEED.dtls())))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.QTY_SUM));
    }

    @Test
    void aSaleTimeIsWithinThePastYearSoOneInTheFutureIsRefusedBeyondAFewMinutesOfSkew() {
        // NOW is 2025-03-21 08:00:00 in Shanghai
        assertThat(check(with("2025-03-21 08:04:59", 1, new BigDecimal("1.00"), BigDecimal.ZERO, null, SEED.dtls())))
                .as("within the clock-skew tolerance").isEmpty();
        assertThat(check(with("2025-03-21 08:05:01", 1, new BigDecimal("1.00"), BigDecimal.ZERO, null, SEED.dtls())))
                .hasValueSatisfying(r -> assertThat(r).startsWith(CrmOrderRules.SALE_TIME).contains("in the future"));
        assertThat(check(with("2025-09-21 08:00:00", 1, new BigDecimal("1.00"), BigDecimal.ZERO, null, SEED.dtls())))
                .as("half a year ahead was accepted before").isPresent();
    }

    @Test
    void aSalesNegativeRowIsRefusedUnderTheSaleRuleNotTheReturnRule() {
        List<CrmOrder.Line> rows = List.of(line("6901", 1, "2.00", "0.00"), line("6902", 1, "-1.00", "2.00"));
        assertThat(check(with(SEED.orderTime(), 2, new BigDecimal("1.00"), new BigDecimal("2.00"), null, rows)))
                .hasValue(CrmOrderRules.SALE_SIGNS + ": Dtls[1] Quantity 1, Amount -1.00");
    }

    @Test
    void eachFieldLengthOfTheTableIsEnforced() {
        CrmOrder s = SEED;
        List<CrmOrder> tooLong = List.of(
                new CrmOrder("S".repeat(17), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, null, null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), "C".repeat(27), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, null, null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), "B".repeat(33), s.discountMoney(), null, null, null, null, null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), "名".repeat(33), null, null, null, null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, "1".repeat(17), null, null, null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, "1".repeat(17), null, null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, "地".repeat(129), null, null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, null, "省".repeat(33), null, null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, null, null, "市".repeat(65), null, 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, null, null, null, "区".repeat(65), 1, s.dtls()),
                new CrmOrder(s.shopCode(), s.code(), "O".repeat(27), s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(), s.buyerCode(), s.discountMoney(), null, null, null, null, null, null, null, 1, s.dtls()),
                with(s.orderTime(), 1, s.totalMoney(), s.discountMoney(), null, List.of(line("9".repeat(31), 1, "1.00", "0.00"))),
                with(s.orderTime(), 1, s.totalMoney(), s.discountMoney(), null, List.of(line(null, 1, "1.00", "0.00"))));
        List<String> fields = List.of("ShopCode", "Code", "BuyerCode", "RecvConsignee", "RecvMobile", "RecvTel",
                "RecvAddress", "RecvProvince", "RecvCity", "RecvCounty", "OriginalCode", "Dtls[0].BarCode", "Dtls[0].BarCode");
        for (int i = 0; i < tooLong.size(); i++) {
            String field = fields.get(i);
            assertThat(check(tooLong.get(i))).as(field).hasValueSatisfying(r -> assertThat(r)
                    .startsWith(CrmOrderRules.LENGTH + ": " + field + " "));
        }
        assertThat(check(new CrmOrder(s.shopCode(), s.code(), null, s.orderTime(), 1, s.totalMoney(), s.payTime(), s.payAmount(),
                "B".repeat(32), s.discountMoney(), "名".repeat(32), "1".repeat(16), "1".repeat(16), "地".repeat(128),
                "省".repeat(32), "市".repeat(64), "区".repeat(64), 1, s.dtls()))).as("every maximum is allowed").isEmpty();
    }
}
