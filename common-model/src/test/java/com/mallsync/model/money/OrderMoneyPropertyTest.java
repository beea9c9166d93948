package com.mallsync.model.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import com.mallsync.model.Money;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import org.junit.jupiter.api.Test;

/** 100,000 orders computed the mall's way ({@link MallCheckout}, which knows nothing of {@link OrderMoney}). */
class OrderMoneyPropertyTest {

    static final int ORDERS = 100_000;
    static final OffsetDateTime PAID_AT = OffsetDateTime.parse("2025-03-20T16:58:12+08:00");

    @Test
    void everyMallShapedOrderIsReadToTheCentWithItsSharesAddingUp() {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Random random = new Random(12);
        int markedUp = 0;
        int edited = 0;
        for (int k = 0; k < ORDERS; k++) {
            MallCheckout checkout = MallCheckout.random(random, CheckoutPush.randomItems(random));
            MoneyReading reading = OrderMoney.read(CheckoutPush.orderPaid(checkout, 222, "P" + k, PAID_AT));
            if (!(reading instanceof MoneyReading.Read read)) {
                throw new AssertionError("order " + k + " unreadable: " + reading + " " + checkout);
            }
            OrderMoney m = read.money();
            int order = k;
            Consumer<String> fail = what -> {
                throw new AssertionError("order " + order + ": " + what + "\n" + checkout + "\n" + m);
            };
            same(sum(m, LineMoney::paid), checkout.goodsPaid(), "Σ paid = total_goods_price", fail);
            same(m.goodsPaid().add(m.freight()), checkout.totalPayPrice(), "goods + freight = total_pay_price", fail);
            same(m.orderEdit(), checkout.orderEdit(), "the order-level edit", fail);
            same(sum(m, LineMoney::orderEditShare), m.orderEdit(), "Σ edit shares = edit", fail);
            same(sum(m, LineMoney::couponAndPointsShare), checkout.coupon().add(checkout.pointsMoney()),
                    "Σ coupon shares = coupon + points", fail);
            same(m.memberDiscount(), checkout.memberDiscount(), "member discount", fail);
            for (LineMoney l : m.lines()) {
                if (l.paid().signum() < 0 || l.paid().scale() != Money.SCALE) {
                    fail.accept("a line paid " + l.paid());
                }
                same(l.original().subtract(l.memberDiscount()).subtract(l.couponAndPointsShare())
                        .subtract(l.otherDiscount()), l.paid(), "line identity", fail);
                if (!checkout.markedUp() && l.markedUpOverall()) {
                    fail.accept("a line above its list price without a mark-up");
                }
            }
            if (m.hasMarkUp() != checkout.markedUp()) {
                fail.accept("mark-up seen " + m.hasMarkUp());
            }
            markedUp += checkout.markedUp() ? 1 : 0;
            edited += m.orderEdit().signum() != 0 ? 1 : 0;
        }
        System.out.printf("money model property: %d orders, %d with a mark-up, %d with an order-level edit, %d ms CPU%n",
                ORDERS, markedUp, edited, (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
        assertThat(markedUp).as("mark-ups generated").isBetween(ORDERS / 50, ORDERS / 4);
        assertThat(edited).as("order-level edits generated").isBetween(ORDERS / 50, ORDERS / 4);
    }

    @Test
    void anOrderReadFromItsPushJsonHasTheSameMoneyAsOneBuiltDirectly() {
        Random random = new Random(13);
        for (int k = 0; k < 300; k++) {
            MallCheckout checkout = MallCheckout.random(random, CheckoutPush.randomItems(random));
            MoneyReading fromJson = OrderMoney.read(CheckoutPush.orderPaid(
                    CheckoutPush.push(MallOrders.SEED, checkout, 222, "J" + k)));
            assertThat(fromJson).isEqualTo(OrderMoney.read(CheckoutPush.orderPaid(checkout, 222, "J" + k, PAID_AT)));
        }
    }

    private static void same(BigDecimal actual, BigDecimal expected, String what, Consumer<String> fail) {
        if (actual.compareTo(expected) != 0) {
            fail.accept(what + ": " + actual.toPlainString() + " != " + expected.toPlainString());
        }
    }

    private static BigDecimal sum(OrderMoney m, Function<LineMoney, BigDecimal> field) {
        return Money.sum(m.lines().stream().map(field).toList());
    }
}
