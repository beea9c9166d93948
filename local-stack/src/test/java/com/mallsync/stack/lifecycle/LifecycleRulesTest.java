package com.mallsync.stack.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.testsupport.Seeds;
import tools.jackson.databind.node.ObjectNode;

class LifecycleRulesTest {

    private static final OrderState PAID = OrderState.PAID;

    @Test
    void paidThenConfirmedGoesToTheErpAtPaymentAndToTheCrmAtTheConfirmation() {
        OrderStory story = new OrderStory(List.of(1L), List.of(PAID, PAID.withConfirmed()));

        assertThat(describe(story, OrderEvent.CONFIRMED))
                .containsExactly("PAID crm SKIPPED erp SYNCED", "CONFIRMED crm SYNCED erp SKIPPED");
        assertThat(describe(story, OrderEvent.PAID))
                .containsExactly("PAID crm SYNCED erp SYNCED", "CONFIRMED crm SKIPPED erp SKIPPED");
    }

    @Test
    void cancelledBeforeConfirmationIsASaleAndAReturnAtTheErpAndNothingAtTheCrm() {
        OrderStory story = new OrderStory(List.of(1L, 2L), List.of(PAID, PAID.withCancelled()));

        assertThat(describe(story, OrderEvent.CONFIRMED))
                .containsExactly("PAID crm SKIPPED erp SYNCED", "CANCELLED crm SKIPPED erp SYNCED");
    }

    @Test
    void aLineRefundedAfterTheConfirmationIsAReturnAtBothAndBeforeItOnlyAtTheErp() {
        OrderStory after = new OrderStory(List.of(1L, 2L), List.of(PAID, PAID.withConfirmed(),
                PAID.withConfirmed().withRefunded(2)));
        OrderStory before = new OrderStory(List.of(1L, 2L), List.of(PAID, PAID.withRefunded(2),
                PAID.withRefunded(2).withConfirmed()));
        OrderStory everyLineBefore = new OrderStory(List.of(1L), List.of(PAID, PAID.withRefunded(1),
                PAID.withRefunded(1).withConfirmed()));

        assertThat(describe(after, OrderEvent.CONFIRMED)).containsExactly("PAID crm SKIPPED erp SYNCED",
                "CONFIRMED crm SYNCED erp SKIPPED", "REFUNDED line 2 crm SYNCED erp SYNCED");
        assertThat(describe(before, OrderEvent.CONFIRMED)).containsExactly("PAID crm SKIPPED erp SYNCED",
                "REFUNDED line 2 crm SKIPPED erp SYNCED", "CONFIRMED crm SYNCED erp SKIPPED");
        assertThat(describe(everyLineBefore, OrderEvent.CONFIRMED)).containsExactly("PAID crm SKIPPED erp SYNCED",
                "REFUNDED line 1 crm SKIPPED erp SYNCED", "CONFIRMED crm SKIPPED erp SKIPPED");
    }

    @Test
    void aFirstPushShowingSeveralFactsAnnouncesThemInTheContractsOrder() {
        OrderStory story = new OrderStory(List.of(1L, 2L, 3L),
                List.of(PAID, PAID.withConfirmed().withRefunded(3).withRefunded(1).withCancelled()));

        assertThat(story.events()).extracting(Object::toString)
                .containsExactly("PAID", "CONFIRMED", "REFUNDED line 1", "REFUNDED line 3", "CANCELLED");
        assertThat(story.first(1).events()).extracting(Object::toString).containsExactly("PAID");
    }

    @Test
    void theMixDrawsStoriesOfTheRightSharesAndACancelledOrderIsNeverConfirmed() {
        Random random = new Random(5);
        int drawnPerIndex = 0;
        for (int i = 0; i < 2000; i++) {
            drawnPerIndex += LifecycleMix.TYPICAL.draw(13, i, List.of(1L)).last().confirmed() ? 1 : 0;
        }
        assertThat(drawnPerIndex).as("orders of one run, drawn by index, do not all share one fate")
                .isBetween(1500, 1700);
        int cancelled = 0;
        int confirmed = 0;
        int refunded = 0;
        int lines = 0;
        for (int i = 0; i < 10_000; i++) {
            List<Long> ids = List.of(10L, 11L, 12L);
            OrderStory story = LifecycleMix.TYPICAL.draw(random, ids);
            OrderState last = story.last();
            assertThat(last.cancelled() && last.confirmed()).isFalse();
            cancelled += last.cancelled() ? 1 : 0;
            confirmed += last.confirmed() ? 1 : 0;
            refunded += last.refundedLines().size();
            lines += last.cancelled() ? 0 : ids.size();
            for (int p = 1; p < story.pushes().size(); p++) {
                assertThat(story.first(p + 1).events()).hasSize(story.first(p).events().size() + 1);
            }
        }
        assertThat(cancelled).isBetween(400, 600);
        assertThat(confirmed).isBetween(7700, 8300);
        assertThat((double) refunded / lines).isBetween(0.04, 0.06);
        assertThat(LifecycleMix.NONE.draw(random, List.of(1L)).pushes()).containsExactly(PAID);
        assertThatThrownBy(() -> new LifecycleMix(0.9, 0.2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaterPushIsTheWholeOrderWithTheMallsFieldsForWhatHappened() {
        ObjectNode paid = (ObjectNode) Json.tree(Seeds.mallOrderPush());
        ZonedDateTime at = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, MallTime.ZONE);

        ObjectNode later = LaterPush.of(paid, PAID.withConfirmed().withRefunded(496877), at);
        ObjectNode cancelled = LaterPush.of(paid, PAID.withCancelled(), at);

        assertThat(later.get("is_confirm").asInt()).isEqualTo(1);
        assertThat(later.get("confirm_time").asString()).isEqualTo("2026-11-23 10:00:00");
        assertThat(later.get("updated_at").asString()).isEqualTo("2026-11-23 10:00:00");
        assertThat(later.get("detail").get(0).get("is_refund").asInt()).isEqualTo(1);
        assertThat(later.get("detail").get(0).get("refund_status").asInt()).isEqualTo(2);
        assertThat(later.get("cancel_status").asInt()).isZero();
        assertThat(later.get("order_no")).isEqualTo(paid.get("order_no"));
        assertThat(cancelled.get("cancel_status").asInt()).isEqualTo(1);
        assertThat(cancelled.get("cancel_time").asString()).isEqualTo("2026-11-23 10:00:00");
        assertThat(cancelled.get("is_confirm").asInt()).isZero();
        assertThat(paid.get("is_confirm").asInt()).as("the paid push is not changed").isZero();
        assertThat(LaterPush.lineIds(paid)).containsExactly(496877L);
    }

    private static List<String> describe(OrderStory story, OrderEvent crmTrigger) {
        List<String> out = new ArrayList<>();
        LifecycleRules.expected(story, crmTrigger)
                .forEach(e -> out.add(e.fact() + " crm " + e.crm() + " erp " + e.erp()));
        return out;
    }
}
