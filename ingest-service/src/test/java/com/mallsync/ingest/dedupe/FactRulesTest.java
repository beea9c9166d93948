package com.mallsync.ingest.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.mallsync.model.event.OrderEvent;
import org.junit.jupiter.api.Test;

/**
 * The rules behind ARCHITECTURE.md's "A fact that disappears in a later push (it should not) changes nothing", on
 * the seed's order ({@code "detail": [{"id": 496877, ...}]}). MALL-FIELDS.md: confirmed is {@code is_confirm} 1,
 * cancelled {@code cancel_status} 1, a refunded line {@code is_refund} 1 and {@code refund_status} 2.
 */
class FactRulesTest {

    private static final Fact LINE = Fact.of(OrderEvent.REFUNDED, 496877L);
    private static final Set<Long> SEED_LINES = Set.of(496877L);

    @Test
    void anOrderNotSeenBeforeHasEveryFactItShowsFreshAndNoContradiction() {
        FactRules.Judgement judgement = FactRules.judge(null,
                List.of(Fact.PAID, Fact.CONFIRMED, LINE, Fact.CANCELLED), null);

        assertThat(judgement.fresh()).containsExactly(Fact.PAID, Fact.CONFIRMED, LINE, Fact.CANCELLED);
        assertThat(judgement.contradictions()).isEmpty();
    }

    @Test
    void onlyTheFactsNotAcceptedBeforeAreFreshInTheContractsOrder() {
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID, Fact.CONFIRMED));

        FactRules.Judgement judgement = FactRules.judge(seen, List.of(Fact.PAID, Fact.CONFIRMED, LINE,
                Fact.CANCELLED), null);

        assertThat(judgement.fresh()).containsExactly(LINE, Fact.CANCELLED);
        assertThat(judgement.contradictions()).isEmpty();
    }

    @Test
    void aRepeatOfTheSameFactsIsNothingFresh() {
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID, LINE));

        FactRules.Judgement judgement = FactRules.judge(seen, List.of(Fact.PAID, LINE), null);

        assertThat(judgement.fresh()).isEmpty();
        assertThat(judgement.contradictions()).isEmpty();
    }

    @Test
    void aCancellationThatDisappearsIsAContradictionAndChangesNothing() {
        // "cancel_status": 1, then a push with "cancel_status": 0
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID, Fact.CANCELLED));

        FactRules.Judgement judgement = FactRules.judge(seen, List.of(Fact.PAID), null);

        assertThat(judgement.fresh()).isEmpty();
        assertThat(judgement.contradictions())
                .containsExactly(new Contradiction(Contradiction.Kind.WITHDRAWN, Fact.CANCELLED));
    }

    @Test
    void aRefundThatDisappearsIsAContradictionButANewFactInTheSamePushIsStillFresh() {
        // "is_refund": 1, "refund_status": 2, then the line back at "refund_status": 0, but now "is_confirm": 1
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID, LINE));

        FactRules.Judgement judgement = FactRules.judge(seen, List.of(Fact.PAID, Fact.CONFIRMED), null);

        assertThat(judgement.fresh()).containsExactly(Fact.CONFIRMED);
        assertThat(judgement.contradictions())
                .containsExactly(new Contradiction(Contradiction.Kind.WITHDRAWN, LINE));
    }

    @Test
    void aRefundedLineTheOrderNeverHadIsNotFreshAndIsAContradiction() {
        Fact unknown = Fact.of(OrderEvent.REFUNDED, 999L);
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID));

        FactRules.Judgement judgement = FactRules.judge(seen, List.of(Fact.PAID, LINE, unknown), null);

        assertThat(judgement.fresh()).containsExactly(LINE);
        assertThat(judgement.contradictions())
                .containsExactly(new Contradiction(Contradiction.Kind.UNKNOWN_LINE, unknown));
    }

    @Test
    void aRefundIsNotJudgedAgainstLinesThatHadNoIdWhenFirstSeen() {
        // the first push's lines had no "id" (allowed while none is refunded): nothing to compare a refund with
        Seen seen = new Seen(null, Set.of(Fact.PAID));

        FactRules.Judgement judgement = FactRules.judge(seen, List.of(Fact.PAID, LINE), null);

        assertThat(judgement.fresh()).containsExactly(LINE);
        assertThat(judgement.contradictions()).isEmpty();
    }

    @Test
    void anUnpaidPushShowingLaterFactsIsAContradictionPerFact() {
        // "is_pay": 0 with "is_confirm": 1 and "cancel_status": 1: facts of an order never paid
        List<Contradiction> found = FactRules.unpaid(null, List.of(Fact.CONFIRMED, Fact.CANCELLED), null);

        assertThat(found).containsExactly(new Contradiction(Contradiction.Kind.UNPAID, Fact.CONFIRMED),
                new Contradiction(Contradiction.Kind.UNPAID, Fact.CANCELLED));
    }

    @Test
    void anUnpaidPushOfAnOrderPublishedAsPaidWithdrawsThePayment() {
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID));

        assertThat(FactRules.unpaid(seen, List.of(), null))
                .containsExactly(new Contradiction(Contradiction.Kind.WITHDRAWN, Fact.PAID));
    }

    @Test
    void anUnpaidPushOlderThanThePaidOneWithdrawsNothing() {
        // sent before the payment ("updated_at" before the paid push's), delivered after it
        Instant paid = Instant.parse("2025-03-20T08:58:12Z");
        Seen seen = new Seen(SEED_LINES, Set.of(Fact.PAID), paid);

        assertThat(FactRules.unpaid(seen, List.of(), paid.minusSeconds(3))).isEmpty();
        assertThat(FactRules.unpaid(seen, List.of(), paid.plusSeconds(60)))
                .containsExactly(new Contradiction(Contradiction.Kind.WITHDRAWN, Fact.PAID));
    }

    @Test
    void aPlainUnpaidPushOfAnOrderNeverSeenIsNoContradiction() {
        assertThat(FactRules.unpaid(null, List.of(), null)).isEmpty();
        assertThat(FactRules.unpaid(new Seen(SEED_LINES, Set.of()), List.of(), null)).isEmpty();
    }

    @Test
    void theDescriptionsNameTheFactAndNothingElse() {
        assertThat(new Contradiction(Contradiction.Kind.UNKNOWN_LINE, Fact.of(OrderEvent.REFUNDED, 7L)).describe())
                .startsWith("REFUNDED line 7 ").endsWith("not published");
        assertThat(new Contradiction(Contradiction.Kind.WITHDRAWN, Fact.CANCELLED).describe())
                .startsWith("CANCELLED ").endsWith("nothing changes");
        assertThat(Contradiction.Kind.UNKNOWN_LINE.tag()).isEqualTo("unknown_line");
    }
}
