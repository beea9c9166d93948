package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.mallsync.erpsync.mapping.ErpTrade;
import com.mallsync.erpsync.mapping.GoodsField;
import com.mallsync.erpsync.mapping.MallErpSettings;
import com.mallsync.model.Topics;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.model.money.MoneyReading;
import com.mallsync.model.money.OrderMoney;
import com.mallsync.outcomes.OutcomeIndex;

/**
 * LIFECYCLE.md "ERP", rule by rule: what each event means at the ERP given the ERP outcomes of the order's earlier
 * events (entered in an outcome index as this process's own claims; its reader is never started).
 */
class EventPlannerTest {

    private static final MallErpSettings MALL = new MallErpSettings("demo-uid-222", "Fixed", "TS_WX", "2",
            Map.of(1, "PC_ONLINE", 2, "PC_COD", 3, "PC_BALANCE"), "", "PC_WX", "UP_TradeTransferToSale", 0,
            GoodsField.GOODS_ID, GoodsField.NONE);
    private static final Instant NOW = Instant.parse("2026-01-05T02:00:00Z");
    private static final OffsetDateTime CANCELLED_AT = OffsetDateTime.parse("2026-01-03T09:30:00+08:00");

    private final OutcomeIndex index = new OutcomeIndex(Topics.ORDERS_OUTCOMES, SyncTarget.ERP, () -> {
        throw new IllegalStateException("not started in this test");
    });
    private final EventPlanner planner = new EventPlanner(index, id -> MALL, Clock.fixed(NOW, ZoneOffset.UTC));
    private final OrderPaid paid = CheckoutPush.orderPaid(MallCheckout.random(new Random(5), List.of(
            new MallCheckout.Item(new BigDecimal("59.90"), 1), new MallCheckout.Item(new BigDecimal("20.00"), 2))),
            222, "P1", OffsetDateTime.parse("2026-01-01T10:00:00+08:00"));
    private final long first = paid.lines().get(0).lineId();
    private final long second = paid.lines().get(1).lineId();

    @Test
    void thePaidEventIsTheSaleUnderTheOrderKeyAndAConfirmationIsSkipped() {
        assertThat(planner.plan(paid)).isInstanceOfSatisfying(EventPlan.Call.class, c -> {
            assertThat(c.ledgerKey()).isEqualTo("222:P1");
            assertThat(c.outerId()).isEqualTo("P1");
            assertThat(c.trade().get().th()).isZero();
        });
        assertThat(planner.plan(paid.as(OrderEvent.CONFIRMED, null))).isInstanceOfSatisfying(EventPlan.Skip.class,
                s -> assertThat(s.reason()).contains("at payment"));
    }

    @Test
    void aReturnWhoseSaleIsNotAtTheErpIsRejectedNamingWhy() {
        assertThat(planner.plan(refunded(first))).isInstanceOfSatisfying(EventPlan.Reject.class,
                r -> assertThat(r.reason()).contains("the sale is not at the ERP").contains("missing"));
        outcome(OrderEvent.PAID, null, SyncStatus.REJECTED);
        assertThat(planner.plan(cancelled())).isInstanceOfSatisfying(EventPlan.Reject.class,
                r -> assertThat(r.reason()).contains("REJECTED"));
    }

    @Test
    void aRefundedLineAfterTheSaleIsOneReturnOfThatLineUnderItsOwnOuterId() {
        outcome(OrderEvent.PAID, null, SyncStatus.SYNCED);

        EventPlan plan = planner.plan(refunded(first));

        assertThat(plan).isInstanceOfSatisfying(EventPlan.Call.class, c -> {
            assertThat(c.outerId()).isEqualTo("P1-R" + first);
            assertThat(c.ledgerKey()).isEqualTo("222:P1-R" + first);
            ErpTrade trade = c.trade().get();
            assertThat(trade.th()).isEqualTo(1);
            assertThat(trade.masterXml()).contains("RefundFee=\"" + money().lines().get(0).paid().setScale(4) + "\"")
                    .contains("RefundTime=\"2026/1/5 10:00:00\"");   // no updated_at: now, mall time
        });
    }

    @Test
    void aRefundedLineAfterTheCancellationsReturnIsSkippedAndOneTheOrderNeverHadIsRejected() {
        outcome(OrderEvent.PAID, null, SyncStatus.DUPLICATE);
        assertThat(planner.plan(paid.as(OrderEvent.REFUNDED, 42L))).isInstanceOf(EventPlan.Reject.class);
        outcome(OrderEvent.CANCELLED, null, SyncStatus.SYNCED);
        assertThat(planner.plan(refunded(first))).isInstanceOfSatisfying(EventPlan.Skip.class,
                s -> assertThat(s.reason()).contains("returned with the whole order"));
    }

    @Test
    void aCancellationReturnsWhatIsNotReturnedAtTheErpYetAtItsCancelTime() {
        outcome(OrderEvent.PAID, null, SyncStatus.SYNCED);
        assertThat(planner.plan(cancelled())).isInstanceOfSatisfying(EventPlan.Call.class, c -> {
            assertThat(c.outerId()).isEqualTo("P1-C");
            assertThat(c.trade().get().masterXml()).contains("RefundFee=\""
                    + paid.amounts().totalPayPrice().setScale(4) + "\"").contains("RefundTime=\"2026/1/3 9:30:00\"");
        });

        outcome(OrderEvent.REFUNDED, first, SyncStatus.FAILED);   // not at the ERP: still in the cancellation's
        assertThat(planner.plan(cancelled())).isInstanceOfSatisfying(EventPlan.Call.class,
                c -> assertThat(c.what()).contains("2 of 2 lines"));

        outcome(OrderEvent.REFUNDED, first, SyncStatus.SYNCED);
        BigDecimal rest = paid.amounts().totalPayPrice().subtract(money().lines().get(0).paid());
        assertThat(planner.plan(cancelled())).isInstanceOfSatisfying(EventPlan.Call.class, c -> {
            assertThat(c.what()).contains("1 of 2 lines");
            assertThat(c.trade().get().masterXml()).contains("RefundFee=\"" + rest.setScale(4) + "\"");
        });

        outcome(OrderEvent.REFUNDED, second, SyncStatus.SYNCED);
        assertThat(planner.plan(cancelled())).isInstanceOfSatisfying(EventPlan.Skip.class,
                s -> assertThat(s.reason()).contains("every line is returned"));
    }

    private void outcome(OrderEvent event, Long line, SyncStatus status) {
        index.claim(paid.eventIdOf(event, line), status, true);
    }

    private OrderPaid refunded(long line) {
        return paid.withLifecycle(Lifecycle.PAID_ONLY, paid.lines().stream()
                .map(l -> l.withRefunded(l.lineId() == line)).toList()).as(OrderEvent.REFUNDED, line);
    }

    private OrderPaid cancelled() {
        return paid.withLifecycle(new Lifecycle(false, null, 1, CANCELLED_AT, null), paid.lines())
                .as(OrderEvent.CANCELLED, null);
    }

    private OrderMoney money() {
        return ((MoneyReading.Read) OrderMoney.read(paid)).money();
    }
}
