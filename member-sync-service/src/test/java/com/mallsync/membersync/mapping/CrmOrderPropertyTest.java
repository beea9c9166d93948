package com.mallsync.membersync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Random;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.model.money.LineMoney;
import com.mallsync.model.money.MoneyReading;
import com.mallsync.model.money.OrderMoney;
import org.junit.jupiter.api.Test;

/**
 * 100,000 orders priced the mall's way ({@link MallCheckout}: it knows nothing of the mapping) through the 2030
 * mapping and rules: Σ Amount = TotalMoney = PayAmount = {@code total_pay_price − express_price} to the cent, and no
 * order refused but the mark-ups that would make a DiscountMoney negative.
 */
class CrmOrderPropertyTest {

    static final int ORDERS = 100_000;
    static final OffsetDateTime PAID = OffsetDateTime.parse("2025-03-20T16:58:12+08:00");
    static final Instant NOW = Instant.parse("2025-03-21T00:00:00Z");

    @Test
    void everyMallShapedOrderMapsToTheCentAndOnlyMarkUpsBelowListAreRefused() {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Random random = new Random(2030);
        ShopChannel exclude = ShopChannel.of("MALL222");
        ShopChannel line = new ShopChannel("MALL222", 1, FreightMode.LINE, "YF001", null, null);
        int refused = 0;
        int markUps = 0;
        for (int k = 0; k < ORDERS; k++) {
            MallCheckout c = MallCheckout.random(random, CheckoutPush.randomItems(random));
            OrderPaid order = CheckoutPush.orderPaid(c, 222, "C" + k, PAID);
            boolean freightRow = k % 10 == 0;
            CrmMapping mapping = CrmOrderMapping.map(order, freightRow ? line : exclude);
            if (!(mapping instanceof CrmMapping.Mapped mapped)) {
                throw new AssertionError("order " + k + " refused by mapping: " + mapping + "\n" + c);
            }
            CrmOrder o = mapped.order();
            BigDecimal goods = c.totalPayPrice().subtract(c.express());
            BigDecimal expected = freightRow && c.express().signum() > 0 ? c.totalPayPrice() : goods;
            BigDecimal rows = Money.sum(o.dtls().stream().map(CrmOrder.Line::amount).toList());
            check(k, c, rows.compareTo(o.totalMoney()) == 0, "Σ Amount = TotalMoney");
            check(k, c, o.totalMoney().compareTo(expected) == 0, "TotalMoney = total_pay_price (- express_price)");
            check(k, c, o.payAmount().compareTo(expected) == 0, "PayAmount = total_pay_price (- express_price)");
            check(k, c, o.dtls().stream().mapToInt(CrmOrder.Line::quantity).sum() == o.totalQty(), "Σ Quantity");
            for (CrmOrder.Line d : o.dtls()) {
                BigDecimal gap = d.priceSell().multiply(BigDecimal.valueOf(d.quantity())).subtract(d.amount()).abs();
                check(k, c, gap.compareTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(d.quantity()))) <= 0,
                        "Quantity × PriceSell within half a cent a unit of Amount");
                check(k, c, d.amount().scale() == 2 && d.discountMoney().scale() == 2, "cents");
            }
            Optional<String> violation = CrmOrderRules.firstViolation(o, NOW);
            boolean aboveList = aboveList(order);
            if (violation.isPresent()) {
                refused++;
                check(k, c, aboveList && c.markedUp() && violation.get().startsWith(CrmOrderRules.DISCOUNT),
                        violation.get());
            } else {
                check(k, c, !aboveList, "a row above its list price went through");
            }
            markUps += c.markedUp() ? 1 : 0;
        }
        System.out.printf("CRM property: %d orders, %d with a mark-up, %d refused (mark-ups above list price), "
                + "%d ms CPU%n", ORDERS, markUps, refused,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
        assertThat(refused).isPositive().isLessThan(markUps);
    }

    /** Whether the money model puts some line (or the freight row) above its list price: 2030 cannot carry that. */
    private static boolean aboveList(OrderPaid order) {
        OrderMoney m = ((MoneyReading.Read) OrderMoney.read(order)).money();
        return m.lines().stream().anyMatch(LineMoney::markedUpOverall);
    }

    private static void check(int k, MallCheckout c, boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("order " + k + ": " + what + "\n" + c);
        }
    }
}
