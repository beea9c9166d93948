package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.Offsets;

/**
 * A batch that comes back after its partition was forgotten (a refused commit, a rebalance) claims nothing: the
 * order is read again from the commit, and a claim standing until the loop drops the old publication would make the
 * re-read copy skip as decided, with no outcome ever published for it (review of the refusal's settle).
 */
class OutcomePublisherTest {

    private final Offsets offsets = new Offsets();
    private final List<PendingOrder> told = new ArrayList<>();
    private final FinishedOrders finished = new FinishedOrders(told::add);
    private final OutcomeIndex index = new OutcomeIndex(Topics.ORDERS_OUTCOMES, SyncTarget.CRM_2030, () -> {
        throw new IllegalStateException("not started in this test");
    });
    private final OutcomePublisher publisher = new OutcomePublisher(index,
            new MemberSyncMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), finished);
    private final Reads reads = new Reads(offsets);

    @Test
    void anOrderOfAForgottenPartitionIsFinishedWithoutAClaimSoItsRereadCopyIsDecided() throws InterruptedException {
        PendingOrder old = reads.upload("GONE", 0);
        offsets.forget(List.of(Reads.partition(0)));

        publisher.publish(List.of(old), SyncStatus.SYNCED, "ref", null);

        PendingOrder again = reads.read(old.order, 0); // the same event, read again from the commit
        assertThat(index.tryClaim(again.eventId(), SyncStatus.SYNCED, false)).as("the re-read copy can claim")
                .isNotNull();
        finished.drain(0);
        assertThat(told).as("the old copy counts nowhere").isEmpty();
    }

    @Test
    void anOrderOfAHeldPartitionIsClaimed() {
        PendingOrder order = reads.upload("HERE", 0);

        publisher.publish(List.of(order), SyncStatus.SYNCED, "ref", null);

        assertThat(index.tryClaim(order.eventId(), SyncStatus.SYNCED, false)).as("claimed by the publisher").isNull();
    }
}
