package com.mallsync.membersync.lifecycle;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.mallsync.membersync.TestOrders;
import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.membersync.mapping.CrmOrderRules;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event of an order's life, decided as LIFECYCLE "CRM 2030" says, given what the CRM already got. */
class CrmLifecycleTest {

    static final ShopChannel SHOP = ShopChannel.of("MALL222");

    /** What this target decided so far, by eventId. */
    final Map<UUID, SyncStatus> outcomes = new HashMap<>();
    /** A fresh two-line order (lines 1 and 2). */
    final OrderPaid order = TestOrders.withLines(TestOrders.fresh(222, "LC" + System.nanoTime()), l -> List.of(
            TestOrders.line(1, 11, "6901", 1, "1.00", "1.00", "0.50", "0.00"),
            TestOrders.line(2, 22, "6902", 1, "1.00", "1.00", "0.50", "0.00")));

    OrderPaid event(OrderEvent fact, Long line) {
        return order.withLifecycle(new Lifecycle(fact == OrderEvent.CONFIRMED, null,
                fact == OrderEvent.CANCELLED ? 1 : 0, null, null), order.lines()).as(fact, line);
    }

    CrmDecision decide(OrderEvent trigger, OrderEvent fact, Long line) {
        return CrmLifecycle.decide(event(fact, line), trigger, SHOP, id -> Optional.ofNullable(outcomes.get(id)));
    }

    void known(OrderEvent fact, Long line, SyncStatus status) {
        outcomes.put(order.eventIdOf(fact, line), status);
    }

    static String skipped(CrmDecision d) {
        assertThat(d).isInstanceOf(CrmDecision.Skip.class);
        return ((CrmDecision.Skip) d).reason();
    }

    static CrmOrder uploaded(CrmDecision d) {
        assertThat(d).isInstanceOf(CrmDecision.Upload.class);
        return ((CrmDecision.Upload) d).order();
    }

    @Test
    void byDefaultPaymentIsSkippedAndTheConfirmationUploadsTheSale() {
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.PAID, null))).startsWith("uploads on CONFIRMED");
        known(OrderEvent.PAID, null, SyncStatus.SKIPPED);
        CrmOrder sale = uploaded(decide(OrderEvent.CONFIRMED, OrderEvent.CONFIRMED, null));
        assertThat(sale.originalCode()).isNull();
        assertThat(sale.dtls()).hasSize(2);
    }

    @Test
    void aCancellationBeforeTheConfirmationIsSkippedAndSoIsTheConfirmationAfterIt() {
        known(OrderEvent.PAID, null, SyncStatus.SKIPPED);
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.CANCELLED, null)))
                .startsWith(CrmLifecycle.CANCELLED_FIRST);
        known(OrderEvent.CANCELLED, null, SyncStatus.SKIPPED);
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.CONFIRMED, null)))
                .isEqualTo(CrmLifecycle.CANCELLED_FIRST);
    }

    @Test
    void aLineRefundedBeforeTheUploadIsLeftOutOfTheSaleAndAllRefundedLeavesNothing() {
        known(OrderEvent.PAID, null, SyncStatus.SKIPPED);
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.REFUNDED, 1L))).startsWith(CrmLifecycle.REFUNDED_FIRST);
        known(OrderEvent.REFUNDED, 1L, SyncStatus.SKIPPED);
        CrmOrder sale = uploaded(decide(OrderEvent.CONFIRMED, OrderEvent.CONFIRMED, null));
        assertThat(sale.dtls()).extracting(CrmOrder.Line::barCode).containsExactly("6902");
        known(OrderEvent.REFUNDED, 2L, SyncStatus.SKIPPED);
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.CONFIRMED, null))).startsWith(CrmLifecycle.REFUNDED_FIRST);
    }

    @Test
    void afterTheUploadARefundIsAReturnRowAndACancellationReturnsTheRest() {
        known(OrderEvent.PAID, null, SyncStatus.SKIPPED);
        known(OrderEvent.CONFIRMED, null, SyncStatus.SYNCED);
        CrmOrder back = uploaded(decide(OrderEvent.CONFIRMED, OrderEvent.REFUNDED, 2L));
        assertThat(back.originalCode()).isEqualTo(order.orderNo());
        assertThat(back.code()).isNotEqualTo(order.orderNo()).endsWith("R2");
        assertThat(back.dtls()).extracting(CrmOrder.Line::barCode).containsExactly("6902");
        assertThat(back.totalQty()).isEqualTo(-1);
        assertThat(CrmOrderRules.firstViolation(back, Instant.now())).isEmpty();

        known(OrderEvent.REFUNDED, 2L, SyncStatus.SYNCED);
        CrmOrder rest = uploaded(decide(OrderEvent.CONFIRMED, OrderEvent.CANCELLED, null));
        assertThat(rest.dtls()).extracting(CrmOrder.Line::barCode).containsExactly("6901");
        assertThat(rest.code()).endsWith("C");

        known(OrderEvent.CANCELLED, null, SyncStatus.SYNCED);
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.REFUNDED, 1L)))
                .isEqualTo(CrmLifecycle.RETURNED_WITH_CANCELLATION);
    }

    @Test
    void aCancellationAfterEveryLineWasReturnedIsSkipped() {
        known(OrderEvent.CONFIRMED, null, SyncStatus.DUPLICATE);
        known(OrderEvent.REFUNDED, 1L, SyncStatus.SYNCED);
        known(OrderEvent.REFUNDED, 2L, SyncStatus.SYNCED);
        assertThat(skipped(decide(OrderEvent.CONFIRMED, OrderEvent.CANCELLED, null))).startsWith("nothing to return");
    }

    @Test
    void anEventNeedingASaleThatWasRejectedIsRejected() {
        known(OrderEvent.CONFIRMED, null, SyncStatus.REJECTED);
        assertThat(decide(OrderEvent.CONFIRMED, OrderEvent.REFUNDED, 1L)).isInstanceOfSatisfying(
                CrmDecision.Reject.class, r -> assertThat(r.reason()).contains("replay the sale"));
        known(OrderEvent.CONFIRMED, null, SyncStatus.FAILED);
        assertThat(decide(OrderEvent.CONFIRMED, OrderEvent.CANCELLED, null)).isInstanceOf(CrmDecision.Reject.class);
    }

    @Test
    void aLineWhoseRefundWasRejectedStaysInASaleReplayedLaterAndItsReplayReturnsIt() {
        known(OrderEvent.CONFIRMED, null, SyncStatus.REJECTED);
        known(OrderEvent.REFUNDED, 1L, SyncStatus.REJECTED);
        assertThat(uploaded(decide(OrderEvent.CONFIRMED, OrderEvent.CONFIRMED, null)).dtls()).hasSize(2);
        known(OrderEvent.CONFIRMED, null, SyncStatus.SYNCED);
        assertThat(uploaded(decide(OrderEvent.CONFIRMED, OrderEvent.REFUNDED, 1L)).totalQty()).isEqualTo(-1);
    }

    @Test
    void uploadingOnPaymentSendsTheSaleAtPaymentAndSkipsTheConfirmation() {
        assertThat(uploaded(decide(OrderEvent.PAID, OrderEvent.PAID, null)).dtls()).hasSize(2);
        known(OrderEvent.PAID, null, SyncStatus.SYNCED);
        assertThat(skipped(decide(OrderEvent.PAID, OrderEvent.CONFIRMED, null))).startsWith("uploads on PAID");
        assertThat(uploaded(decide(OrderEvent.PAID, OrderEvent.REFUNDED, 1L)).totalQty()).isEqualTo(-1);
    }

    @Test
    void aRefundOfALineTheOrderDoesNotHaveIsRejected() {
        known(OrderEvent.CONFIRMED, null, SyncStatus.SYNCED);
        assertThat(decide(OrderEvent.CONFIRMED, OrderEvent.REFUNDED, 99L)).isInstanceOf(CrmDecision.Reject.class);
    }

}
