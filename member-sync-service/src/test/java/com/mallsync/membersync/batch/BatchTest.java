package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One ShopCode's batch: an order read twice rides along as a twin (sent once); a revoked partition's leave it. */
class BatchTest {

    private final Reads reads = new Reads();
    private final Batch batch = new Batch("MALL222", 0);

    @Test
    void aSecondRecordOfAnOrderInTheBatchIsATwinNotASecondOrderOfTheRequest() {
        PendingOrder first = reads.upload("TWIN", 0);
        PendingOrder repeat = reads.upload("TWIN", 0);
        PendingOrder other = reads.upload("OTHER", 0);
        batch.add(first);
        batch.add(repeat);
        batch.add(other);

        assertThat(batch.orders).containsExactly(first, other);
        assertThat(batch.size()).as("orders in the request").isEqualTo(2);
        assertThat(batch.records()).as("records it finishes").isEqualTo(3);
        assertThat(batch.twins).containsOnlyKeys("TWIN");
        assertThat(batch.twins.get("TWIN")).containsExactly(repeat);
    }

    @Test
    void aRevokedPartitionsOrdersAndTheirTwinsLeaveTheBatch() {
        PendingOrder revoked = reads.upload("GONE", 1);
        PendingOrder revokedTwin = reads.upload("GONE", 1);
        PendingOrder kept = reads.upload("KEPT", 0);
        PendingOrder keptTwin = reads.upload("KEPT", 0);
        for (PendingOrder o : new PendingOrder[] {revoked, revokedTwin, kept, keptTwin}) {
            batch.add(o);
        }

        batch.removeIf(o -> o.offsets.partition().equals(Reads.partition(1)));

        assertThat(batch.orders).containsExactly(kept);
        assertThat(batch.twins).containsOnlyKeys("KEPT");
        assertThat(batch.records()).isEqualTo(2);

        PendingOrder readAgain = reads.upload("GONE", 2);
        batch.add(readAgain);
        assertThat(batch.orders).as("its Code is free again").containsExactly(kept, readAgain);
    }

    @Test
    void eachBatchHasItsOwnReference() {
        assertThat(new Batch("MALL222", 0).id).startsWith("2030-").isNotEqualTo(batch.id);
    }
}
