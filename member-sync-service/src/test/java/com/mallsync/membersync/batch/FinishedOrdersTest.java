package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.mallsync.membersync.TestOrders;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.Publication;
import com.mallsync.runtime.Round;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * SyncLoop's hand-off of finished orders: senders finish records from any thread, with their outcomes, the loop
 * applies that to the offsets in drain and a round goes up to each partition's lowest unfinished record; a revoked
 * partition is forgotten, what it held is dropped, and what a sender finishes of it afterwards neither moves a new
 * owner's offsets nor releases the next event of its order, and its claim is undone. (The offsets themselves: the runtime's OffsetsTest.)
 */
class FinishedOrdersTest {

    private final List<PendingOrder> told = new ArrayList<>();
    private final Offsets offsets = new Offsets();
    private final FinishedOrders finished = new FinishedOrders(told::add);
    private final Reads reads = new Reads(offsets);
    private final TopicPartition p0 = Reads.partition(0);
    private final TopicPartition p1 = Reads.partition(1);

    @Test
    void eachPartitionCommitsUpToItsLowestUnfinishedRecord() throws InterruptedException {
        List<PendingOrder> zero = List.of(reads.upload("P0-0", 0), reads.upload("P0-1", 0), reads.upload("P0-2", 0));
        List<PendingOrder> one = List.of(reads.upload("P1-0", 1), reads.upload("P1-1", 1));
        finished.add(zero.get(1));
        finished.add(zero.get(2));
        finished.add(one.get(0));
        finished.drain(0);

        assertThat(offsets.round().offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(0), p1, new OffsetAndMetadata(1)));
        assertThat(offsets.unfinished()).isEqualTo(2);
        assertThat(offsets.unfinished(p0)).isEqualTo(1);

        finished.add(zero.get(0));
        finished.drain(0);
        assertThat(offsets.round().offsets()).as("only what moved").isEqualTo(Map.of(p0, new OffsetAndMetadata(3)));
        assertThat(offsets.round().isEmpty()).isTrue();
    }

    @Test
    void whatASenderFinishesCountsOnlyOnceTheLoopDrainsIt() throws InterruptedException {
        PendingOrder order = reads.upload("DRAIN", 0);
        CompletableFuture.runAsync(() -> finished.add(order)).join();   // a sender thread
        assertThat(offsets.unfinished()).isEqualTo(1);
        assertThat(told).isEmpty();

        finished.drain(1000);
        assertThat(offsets.unfinished()).isZero();
        assertThat(told).containsExactly(order);
    }

    @Test
    void aRoundGivenBackIsOfferedAgainWithTheOutcomesItHeld() throws InterruptedException {
        PendingOrder a = reads.upload("CF-A", 0);
        PendingOrder b = reads.upload("CF-B", 1);
        finished.add(a, publication("outcome-A", new ArrayList<>()));
        finished.add(b);
        finished.drain(0);
        Round aborted = offsets.round();
        assertThat(aborted.offsets()).hasSize(2);
        assertThat(aborted.records()).extracting(ProducerRecord::value).containsExactly("outcome-A");
        assertThat(offsets.round().isEmpty()).isTrue();

        offsets.giveBack(aborted);
        Round again = offsets.round();
        assertThat(again.offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(1), p1, new OffsetAndMetadata(1)));
        assertThat(again.records()).extracting(ProducerRecord::value).containsExactly("outcome-A");
    }

    @Test
    void anOutcomeHandedOverForARevokedPartitionIsDroppedAndItsClaimUndone() throws InterruptedException {
        PendingOrder held = reads.upload("DROP-0", 1);
        PendingOrder late = reads.upload("DROP-1", 1);
        reads.upload("DROP-KEEP", 1);
        List<String> dropped = new ArrayList<>();
        finished.add(late, publication("outcome-late", dropped));
        finished.drain(0);
        assertThat(offsets.round().records()).as("behind DROP-0").isEmpty();

        offsets.forget(List.of(p1));
        assertThat(dropped).as("held, then the partition went").containsExactly("outcome-late");
        finished.add(held, publication("outcome-after-revoke", dropped));
        finished.drain(0);
        assertThat(dropped).as("handed over after the revoke").containsExactly("outcome-late", "outcome-after-revoke");
        assertThat(told).as("the one drained before the revoke only").containsExactly(late);
    }

    private static Publication publication(String value, List<String> dropped) {
        return new Publication(List.of(new ProducerRecord<>("orders.outcomes.v1", "k", value)), null,
                () -> dropped.add(value));
    }

    @Test
    void aRevokedPartitionReturnsWhereToReadAgainAndWhatIsFinishedOfItLaterIsIgnored() throws InterruptedException {
        PendingOrder done = reads.upload("REV-0", 1);
        PendingOrder inFlight = reads.upload("REV-1", 1);
        PendingOrder other = reads.upload("KEEP-0", 0);
        finished.add(done);
        finished.drain(0);

        assertThat(offsets.forget(List.of(p1))).as("nothing committed: read again from its first record")
                .isEqualTo(Map.of(p1, new OffsetAndMetadata(0)));
        assertThat(offsets.unfinished()).as("only p0's").isEqualTo(1);

        // assigned again and read again (from the commit) while the old batch's sender still finishes its order
        PendingOrder again = new Reads(offsets).upload("REV-1", 1);
        told.clear();
        finished.add(inFlight);
        finished.drain(0);
        assertThat(told).as("a finished record of the revoked partition releases nothing").isEmpty();
        assertThat(again.offsets).as("new offsets for the partition").isNotSameAs(inFlight.offsets);
        assertThat(offsets.unfinished(p1)).isEqualTo(1);
        assertThat(offsets.round().offsets()).isEqualTo(Map.of(p0, new OffsetAndMetadata(0), p1,
                new OffsetAndMetadata(0)));
        assertThat(other.offsets.position()).isEqualTo(0);
    }

    @Test
    void theOutOfOrderHoldReleasesAnOrdersNextEventOnlyWhenTheOneBeforeIsDrained() throws InterruptedException {
        // SyncLoop's wiring: the hand-off tells the order lines of each finished record, which release the next event
        OrderLines lines = new OrderLines();
        List<PendingOrder> decided = new ArrayList<>();
        FinishedOrders wired = new FinishedOrders(finished -> {
            PendingOrder next = lines.finished(finished);
            if (next != null) {
                decided.add(next);
            }
        });
        Reads read = new Reads(offsets);
        OrderPaid sale = TestOrders.fresh(Reads.MALL, "HOLD");
        PendingOrder paid = read.read(sale.as(OrderEvent.PAID, null), 0);
        PendingOrder confirmed = read.read(sale.as(OrderEvent.CONFIRMED, null), 0);
        PendingOrder cancelled = read.read(sale.as(OrderEvent.CANCELLED, null), 0);
        assertThat(lines.enter(paid)).isTrue();
        assertThat(lines.enter(confirmed)).as("waits for PAID").isFalse();
        assertThat(lines.enter(cancelled)).as("waits for CONFIRMED").isFalse();

        wired.add(paid);
        assertThat(decided).as("not before the loop drains").isEmpty();
        wired.drain(0);
        assertThat(decided).containsExactly(confirmed);
        assertThat(offsets.round().offsets()).as("the waiting events hold the commit")
                .isEqualTo(Map.of(p0, new OffsetAndMetadata(1)));

        wired.add(confirmed);
        wired.drain(0);
        assertThat(decided).containsExactly(confirmed, cancelled);
    }
}
