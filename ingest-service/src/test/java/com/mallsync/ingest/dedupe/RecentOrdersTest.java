package com.mallsync.ingest.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.mallsync.model.event.OrderEvent;
import org.junit.jupiter.api.Test;

/** Per-fact dedupe and one push in flight per order (the seed's one line is {@code "id": 496877}). */
class RecentOrdersTest {

    private static final List<Long> SEED_LINES = List.of(496877L);
    private static final Fact REFUNDED = Fact.of(OrderEvent.REFUNDED, 496877L);

    @Test
    void theFirstPushOfAnOrderOwnsEveryFactItShowsAndARepeatAfterItOwnsNone() {
        RecentOrders recent = new RecentOrders(10);
        CompletableFuture<Void> first = new CompletableFuture<>();

        assertThat(fresh(recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), null, first)))
                .containsExactly(Fact.PAID, Fact.CONFIRMED);
        recent.settle("222:1", first, List.of(Fact.PAID, Fact.CONFIRMED), null);

        assertThat(first).isCompleted();
        assertThat(fresh(recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), null,
                new CompletableFuture<>()))).isEmpty();
    }

    @Test
    void aLaterPushOwnsOnlyTheFactsNotPublishedBefore() {
        RecentOrders recent = new RecentOrders(10);
        publish(recent, "222:1", List.of(Fact.PAID));

        assertThat(fresh(recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED, REFUNDED), null,
                new CompletableFuture<>()))).containsExactly(Fact.CONFIRMED, REFUNDED);
    }

    @Test
    void aPushWhileAnotherOfTheSameOrderPublishesWaitsForItThenOwnsOnlyWhatIsLeft() {
        RecentOrders recent = new RecentOrders(10);
        CompletableFuture<Void> first = new CompletableFuture<>();
        recent.claim("222:1", SEED_LINES, List.of(Fact.PAID), null, first);
        CompletableFuture<Void> second = new CompletableFuture<>();

        RecentOrders.Claim busy = recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), null,
                second);

        assertThat(busy).isInstanceOf(RecentOrders.Claim.Busy.class);
        assertThat(((RecentOrders.Claim.Busy) busy).earlier()).isSameAs(first);
        recent.settle("222:1", first, List.of(Fact.PAID), null);
        assertThat(fresh(recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), null, second)))
                .containsExactly(Fact.CONFIRMED);
    }

    @Test
    void otherOrdersAreNotHeldUpByAPublishInProgress() {
        RecentOrders recent = new RecentOrders(10);
        recent.claim("222:1", SEED_LINES, List.of(Fact.PAID), null, new CompletableFuture<>());

        assertThat(fresh(recent.claim("222:2", SEED_LINES, List.of(Fact.PAID), null,
                new CompletableFuture<>())))
                .containsExactly(Fact.PAID);
    }

    @Test
    void aFailedPublishLeavesItsFactsUnpublishedSoTheRetryOrAWaiterPublishesThem() {
        RecentOrders recent = new RecentOrders(10);
        CompletableFuture<Void> first = new CompletableFuture<>();
        recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), null, first);

        recent.settle("222:1", first, List.of(Fact.PAID, Fact.CONFIRMED), new IllegalStateException("broker down"));

        // completed normally: the waiters claim again rather than share the 503
        assertThat(first).isCompleted().isNotCompletedExceptionally();
        assertThat(recent.seen("222:1").accepted()).isEmpty();
        assertThat(fresh(recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), null,
                new CompletableFuture<>()))).containsExactly(Fact.PAID, Fact.CONFIRMED);
    }

    @Test
    void aPushWithNothingNewTakesNoTurnAndBlocksNobody() {
        RecentOrders recent = new RecentOrders(10);
        publish(recent, "222:1", List.of(Fact.PAID));
        recent.claim("222:1", SEED_LINES, List.of(Fact.PAID), null, new CompletableFuture<>());

        assertThat(recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CANCELLED), null,
                new CompletableFuture<>()))
                .isInstanceOf(RecentOrders.Claim.Owned.class);
    }

    @Test
    void theLinesOfTheFirstPushAreTheOnesARefundIsJudgedAgainst() {
        RecentOrders recent = new RecentOrders(10);
        publish(recent, "222:1", List.of(Fact.PAID));

        // a later push that shows another line id (496878) refunded: not a line of the order as first seen
        Fact unknown = Fact.of(OrderEvent.REFUNDED, 496878L);
        RecentOrders.Claim.Owned claim = (RecentOrders.Claim.Owned) recent.claim("222:1", List.of(496877L, 496878L),
                List.of(Fact.PAID, unknown), null, new CompletableFuture<>());

        assertThat(claim.judgement().fresh()).isEmpty();
        assertThat(claim.judgement().contradictions())
                .containsExactly(new Contradiction(Contradiction.Kind.UNKNOWN_LINE, unknown));
        assertThat(recent.seen("222:1").lines()).containsExactly(496877L);
    }

    @Test
    void aPushOlderThanTheLatestSeenLacksLaterFactsWithoutWithdrawingThem() {
        // "updated_at": "2025-03-20 16:58:12" (the seed, paid) after a push of "2025-03-27 10:00:00" (confirmed)
        Instant paidAt = Instant.parse("2025-03-20T08:58:12Z");
        Instant confirmedAt = Instant.parse("2025-03-27T02:00:00Z");
        RecentOrders recent = new RecentOrders(10);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        recent.claim("222:1", SEED_LINES, List.of(Fact.PAID, Fact.CONFIRMED), confirmedAt, mine);
        recent.settle("222:1", mine, List.of(Fact.PAID, Fact.CONFIRMED), null);

        RecentOrders.Claim.Owned late = (RecentOrders.Claim.Owned) recent.claim("222:1", SEED_LINES,
                List.of(Fact.PAID), paidAt, new CompletableFuture<>());
        RecentOrders.Claim.Owned sameTime = (RecentOrders.Claim.Owned) recent.claim("222:1", SEED_LINES,
                List.of(Fact.PAID), confirmedAt, new CompletableFuture<>());

        assertThat(late.judgement().contradictions()).isEmpty();
        assertThat(late.judgement().outdated()).containsExactly(Fact.CONFIRMED);
        assertThat(sameTime.judgement().contradictions())
                .containsExactly(new Contradiction(Contradiction.Kind.WITHDRAWN, Fact.CONFIRMED));
        assertThat(recent.seen("222:1").latestUpdate()).isEqualTo(confirmedAt);
    }

    @Test
    void theOrdersPushedLongestAgoAreForgottenBeyondTheCapacity() {
        RecentOrders recent = new RecentOrders(2);
        for (String key : new String[] {"a", "b", "c"}) {
            publish(recent, key, List.of(Fact.PAID));
        }

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.seen("a")).isNull();
        assertThat(fresh(recent.claim("a", SEED_LINES, List.of(Fact.PAID), null, new CompletableFuture<>())))
                .containsExactly(Fact.PAID);
        assertThat(recent.seen("c").accepted()).containsExactly(Fact.PAID);
    }

    @Test
    void anOrderStillBeingPushedIsKeptLongerThanOnePushedOnceLongAgo() {
        RecentOrders recent = new RecentOrders(2);
        publish(recent, "a", List.of(Fact.PAID));
        publish(recent, "b", List.of(Fact.PAID));
        publish(recent, "a", List.of(Fact.CONFIRMED));

        publish(recent, "c", List.of(Fact.PAID));

        assertThat(recent.seen("b")).isNull();
        assertThat(recent.seen("a").accepted()).containsExactlyInAnyOrder(Fact.PAID, Fact.CONFIRMED);
    }

    private static void publish(RecentOrders recent, String key, List<Fact> facts) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        List<Fact> fresh = fresh(recent.claim(key, SEED_LINES, facts, null, mine));
        recent.settle(key, mine, fresh, null);
    }

    private static List<Fact> fresh(RecentOrders.Claim claim) {
        assertThat(claim).isInstanceOf(RecentOrders.Claim.Owned.class);
        return ((RecentOrders.Claim.Owned) claim).judgement().fresh();
    }
}
