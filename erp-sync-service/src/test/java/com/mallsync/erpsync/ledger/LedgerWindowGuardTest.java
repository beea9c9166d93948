package com.mallsync.erpsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.runtime.Window;

/** An order paid at or after the ledger window's cutoff may be sent; one paid before it never is. */
class LedgerWindowGuardTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private static final Window WINDOW = new Window.Last(Duration.ofDays(60), Clock.fixed(NOW, ZoneOffset.UTC));
    /** The oldest payment the window keeps: 60 days before now. */
    private static final OffsetDateTime CUTOFF = NOW.minus(Duration.ofDays(60)).atOffset(ZoneOffset.ofHours(8));

    private static OrderPaid paidAt(OffsetDateTime paidAt) {
        MallCheckout c = MallCheckout.random(new Random(7), List.of(new MallCheckout.Item(new BigDecimal("59.90"), 1)));
        return CheckoutPush.orderPaid(c, 222, "G1", paidAt);
    }

    /** The same order with other times (no pay time, say). */
    private static OrderPaid withTimes(OrderPaid o, OffsetDateTime createdAt, OffsetDateTime paidAt,
                                       OffsetDateTime linesCreatedAt) {
        List<OrderLine> lines = o.lines().stream().map(l -> new OrderLine(l.lineId(), l.goodsId(), l.skuId(),
                l.goodsNo(), l.skuNo(), l.barCode(), l.name(), l.attributes(), l.quantity(), l.unitPrice(),
                l.originalTotal(), l.paidTotal(), l.memberDiscount(), linesCreatedAt, l.backPrice(), l.refunded()))
                .toList();
        return new OrderPaid(o.schemaVersion(), o.eventId(), NOW, o.mallId(), o.orderNo(), o.mallOrderId(),
                o.payOrderNo(), createdAt, paidAt, o.payType(), o.supportPayTypes(), o.wxPay(), o.amounts(), o.buyer(),
                lines, o.remarks(), o.distributor(), o.rawPayload(), o.event(), o.line(), o.lifecycle());
    }

    @Test
    void anOrderPaidWithinTheWindowIsInside() {
        assertThat(LedgerWindowGuard.check(paidAt(CUTOFF.plusDays(1)), WINDOW))
                .isInstanceOf(LedgerWindowGuard.Inside.class);
    }

    @Test
    void anOrderPaidExactlyAtTheCutoffIsInside() {
        assertThat(LedgerWindowGuard.check(paidAt(CUTOFF), WINDOW)).isInstanceOf(LedgerWindowGuard.Inside.class);
    }

    @Test
    void anOrderPaidOneMillisecondBeforeTheCutoffIsOutsideWithTheCodeFirstInItsReason() {
        OffsetDateTime paid = CUTOFF.minusNanos(1_000_000);

        LedgerWindowGuard.Verdict verdict = LedgerWindowGuard.check(paidAt(paid), WINDOW);

        assertThat(verdict).isInstanceOfSatisfying(LedgerWindowGuard.Outside.class, outside -> {
            assertThat(outside.basis()).isEqualTo("paidAt");
            assertThat(outside.time()).isEqualTo(paid);
            assertThat(outside.cutoff()).isEqualTo(CUTOFF.toInstant());
            assertThat(outside.reason()).startsWith(LedgerWindowGuard.OUTSIDE_LEDGER_WINDOW + ": its paidAt ")
                    .contains("erp-sync.ledger.window").contains("replay");
        });
    }

    @Test
    void theSeedOrderPaidIn2025IsOutsideTheDefaultWindow() {
        OrderPaid seed = paidAt(OffsetDateTime.parse("2025-03-20T16:58:12+08:00"));

        assertThat(LedgerWindowGuard.check(seed, WINDOW)).isInstanceOf(LedgerWindowGuard.Outside.class);
    }

    @Test
    void theWholeTopicWindowKeepsEveryOrderInside() {
        OrderPaid old = paidAt(OffsetDateTime.parse("2020-01-01T00:00:00+08:00"));

        assertThat(LedgerWindowGuard.check(old, Window.all())).isInstanceOf(LedgerWindowGuard.Inside.class);
    }

    @Test
    void withoutAPayTimeTheEarliestOrderTimeIsJudged() {
        OrderPaid p = paidAt(CUTOFF.plusDays(5));
        OrderPaid linesOld = withTimes(p, CUTOFF.plusDays(1), null, CUTOFF.minusDays(1));
        OrderPaid allNew = withTimes(p, CUTOFF.plusDays(1), null, CUTOFF.plusDays(2));

        assertThat(LedgerWindowGuard.check(allNew, WINDOW)).isInstanceOf(LedgerWindowGuard.Inside.class);
        assertThat(LedgerWindowGuard.check(linesOld, WINDOW)).isInstanceOfSatisfying(LedgerWindowGuard.Outside.class,
                outside -> {
                    assertThat(outside.basis()).isEqualTo("createdAt");
                    assertThat(outside.time()).isEqualTo(CUTOFF.minusDays(1));
                });
    }

    @Test
    void thePayTimeDecidesEvenWhenTheOrderWasCreatedBeforeTheWindow() {
        // cash on delivery: placed long ago, paid at the door within the window
        OrderPaid p = withTimes(paidAt(CUTOFF.plusDays(3)), CUTOFF.minusDays(10), CUTOFF.plusDays(3),
                CUTOFF.minusDays(10));

        assertThat(LedgerWindowGuard.check(p, WINDOW)).isInstanceOf(LedgerWindowGuard.Inside.class);
    }

    @Test
    void anEventWithNoOrderTimeAtAllIsOutside() {
        OrderPaid p = withTimes(paidAt(CUTOFF.plusDays(3)), null, null, null);

        assertThat(LedgerWindowGuard.check(p, WINDOW)).isInstanceOfSatisfying(LedgerWindowGuard.Outside.class,
                outside -> {
                    assertThat(outside.time()).isNull();
                    assertThat(outside.reason()).contains("no pay time and no order time");
                });
    }
}
