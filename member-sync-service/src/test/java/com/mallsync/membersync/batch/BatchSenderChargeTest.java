package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.mallsync.model.event.SyncStatus;
import org.junit.jupiter.api.Test;

/**
 * Failure charging: a transient failure is charged to a request's orders only while the CRM answered other requests;
 * the most charged order of a request is what is held against the budget, and an order past it ends FAILED.
 */
class BatchSenderChargeTest {

    private static final int BUDGET = 3;
    private final Reads reads = new Reads();

    @Test
    void aFailureDuringAnOutageIsChargedToNobody() {
        List<PendingOrder> orders = List.of(reads.upload("OUT-1", 0), reads.upload("OUT-2", 0));
        for (int i = 0; i < 10; i++) {
            assertThat(BatchSender.charge(orders, false)).isZero();
        }
        assertThat(orders).allSatisfy(o -> assertThat(o.chargedFailures()).isZero());
    }

    @Test
    void aFailureWhileTheCrmAnsweredOthersIsChargedToEveryOrderOfTheRequest() {
        List<PendingOrder> orders = List.of(reads.upload("UP-1", 0), reads.upload("UP-2", 0));
        assertThat(BatchSender.charge(orders, true)).isEqualTo(1);
        assertThat(BatchSender.charge(orders, false)).as("what was charged stays").isEqualTo(1);
        assertThat(BatchSender.charge(orders, true)).isEqualTo(2);
        assertThat(orders).allSatisfy(o -> assertThat(o.chargedFailures()).isEqualTo(2));
    }

    @Test
    void theMostChargedOrderOfARequestIsWhatTheBudgetIsHeldAgainst() {
        PendingOrder sick = reads.upload("SICK", 0);
        PendingOrder fresh = reads.upload("FRESH", 0);
        BatchSender.charge(List.of(sick), true);
        BatchSender.charge(List.of(sick), true);

        assertThat(BatchSender.charge(List.of(fresh, sick), true)).isEqualTo(3);
        assertThat(fresh.chargedFailures()).isEqualTo(1);
    }

    @Test
    void anOrderChargedUpToItsBudgetIsGivenUpAndAloneEndsFailed() {
        PendingOrder sick = reads.upload("BUDGET", 0);
        int failures = 0;
        int worst = 0;
        while (worst < BUDGET) {          // as BatchSender.send: charge, then hold the worst against the budget
            worst = BatchSender.charge(List.of(sick), true);
            failures++;
        }
        assertThat(failures).isEqualTo(BUDGET);

        NextRequests next = NextRequests.after(List.of(sick), new Attempt.GaveUp("past the budget"));
        assertThat(next.settled()).singleElement().satisfies(s -> {
            assertThat(s.orders()).containsExactly(sick);
            assertThat(s.status()).isEqualTo(SyncStatus.FAILED);
        });
    }

    @Test
    void theCrmAnsweredOthersOnlyIfItsLastUsableReplyCameAfterTheRequestsPreviousFailure() {
        long since = 1_000_000;
        assertThat(BatchSender.answeredSince(since + 1, since)).isTrue();
        assertThat(BatchSender.answeredSince(since, since)).isFalse();
        assertThat(BatchSender.answeredSince(since - 1, since)).isFalse();
        // nanoTime may wrap: compared by difference, a reply just after the wrap is still later
        assertThat(BatchSender.answeredSince(Long.MIN_VALUE + 5, Long.MAX_VALUE - 5)).isTrue();
        assertThat(BatchSender.answeredSince(Long.MAX_VALUE - 5, Long.MIN_VALUE + 5)).isFalse();
    }
}
