package com.mallsync.membersync.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Batch splitting by size and time: orders fill one batch per ShopCode, a batch is taken out to be sent once it holds
 * max-size orders or has lingered long enough, and the poll waits no longer than the oldest batch may linger.
 */
class OpenBatchesTest {

    private static final int MAX_SIZE = 3;
    private static final Duration LINGER = Duration.ofMillis(200);
    private static final long T0 = 1_000_000_000L;
    private final Reads reads = new Reads();
    private final OpenBatches open = new OpenBatches(MAX_SIZE, LINGER);

    @Test
    void aBatchIsTakenOutTheMomentItHoldsMaxSizeOrdersAndTheNextOrderOpensANewOne() {
        PendingOrder a = reads.upload("SIZE-0", 0);
        PendingOrder b = reads.upload("SIZE-1", 1);
        PendingOrder c = reads.upload("SIZE-2", 0);
        assertThat(open.add(a, T0)).isEmpty();
        assertThat(open.add(b, T0)).isEmpty();

        Optional<Batch> full = open.add(c, T0);
        assertThat(full).hasValueSatisfying(batch -> assertThat(batch.orders).containsExactly(a, b, c));

        PendingOrder d = reads.upload("SIZE-3", 0);
        assertThat(open.add(d, T0 + 1)).isEmpty();
        assertThat(open.takeDue(T0 + 1, true)).singleElement()
                .satisfies(batch -> assertThat(batch.orders).containsExactly(d));
    }

    @Test
    void aTwinDoesNotCountTowardsMaxSize() {
        PendingOrder first = reads.upload("TWIN-SIZE", 0);
        assertThat(open.add(first, T0)).isEmpty();
        assertThat(open.add(reads.upload("TWIN-SIZE", 0), T0)).isEmpty();
        assertThat(open.add(reads.upload("OTHER-SIZE", 0), T0)).as("two orders, three records").isEmpty();
    }

    @Test
    void aBatchIsDueOnceItHasLingeredAndNotBefore() {
        open.add(reads.upload("LINGER-0", 0), T0);

        assertThat(open.takeDue(T0 + LINGER.toNanos() - 1, false)).isEmpty();
        assertThat(open.takeDue(T0 + LINGER.toNanos(), false)).hasSize(1);
        assertThat(open.takeDue(T0 + LINGER.toNanos(), true)).as("taken out").isEmpty();
    }

    @Test
    void aStopTakesOutEveryBatchWhateverItsAge() {
        open.add(reads.upload("STOP-0", 0), T0);
        assertThat(open.takeDue(T0, true)).hasSize(1);
    }

    @Test
    void thePollWaitsNoLongerThanTheOldestBatchMayStillLinger() {
        Duration max = Duration.ofSeconds(1);
        assertThat(open.untilDue(T0, max)).as("nothing open").isEqualTo(max);

        open.add(reads.upload("WAIT-0", 0), T0);
        assertThat(open.untilDue(T0 + 50_000_000L, max)).isEqualTo(Duration.ofMillis(150));
        assertThat(open.untilDue(T0 + LINGER.toNanos() * 2, max)).as("overdue").isEqualTo(Duration.ZERO);
        assertThat(open.untilDue(T0, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aRevokedPartitionsOrdersLeaveTheOpenBatchesCountedPerPartition() {
        OpenBatches open = new OpenBatches(100, LINGER);
        open.add(reads.upload("REVOKE-0", 1), T0);
        open.add(reads.upload("REVOKE-1", 1), T0);
        PendingOrder kept = reads.upload("KEEP-0", 0);
        open.add(kept, T0);

        assertThat(open.drop(List.of(Reads.partition(1)))).isEqualTo(Map.of(Reads.partition(1), 2));
        assertThat(open.takeDue(T0, true)).singleElement()
                .satisfies(batch -> assertThat(batch.orders).containsExactly(kept));
    }
}
