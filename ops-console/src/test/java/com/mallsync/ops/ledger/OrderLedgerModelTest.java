package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.Window;
import com.mallsync.testsupport.MovingClock;

/**
 * The ledger (packed orders in a table, the odd ones whole) answers as the ledger did before it packed: a
 * {@code HashMap} of {@link OrderEntry}s fed the same random records, most of which pack (refs ending in digits) and
 * some of which cannot (a ref without digits, another eventId): every order's events, receipt and awaiting state,
 * the overdue, awaiting and pending scans, the search by number, the counts, and the window's eviction.
 */
class OrderLedgerModelTest {

    private static final Duration AFTER = Duration.ofMinutes(5);

    @Test
    void answersAsAMapOfEntriesThroughRandomRecordsAndEvictions() {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            MovingClock clock = new MovingClock();
            Window window = new Window.Last(Duration.ofHours(6), clock);
            OrderLedger ledger = new OrderLedger(10, window);
            Map<String, OrderEntry> model = new HashMap<>();
            TextPool pool = new TextPool();
            for (int step = 0; step < 6_000; step++) {
                clock.now = clock.now.plusSeconds(random.nextInt(20));
                String orderNo = Integer.toString(random.nextInt(400));
                String key = (random.nextInt(10) == 0 ? "333:" : "222:") + orderNo;
                long mall = Long.parseLong(key.substring(0, 3));
                OrderEvent event = OrderEvent.values()[random.nextInt(OrderEvent.values().length)];
                EventRef ref = new EventRef(event, event == OrderEvent.REFUNDED ? 1L + random.nextInt(3) : null);
                UUID id = new UUID(mall, orderNo.hashCode() * 8L + ref.rank() + (random.nextInt(30) == 0 ? 1 : 0));
                Instant at = clock.now.minusSeconds(random.nextInt(600));
                long recordTime = clock.now.toEpochMilli();
                OrderEntry entry = model.computeIfAbsent(key, k -> new OrderEntry());
                entry.seen(recordTime);
                if (random.nextBoolean()) {
                    ledger.published(key, ref, id, at, recordTime);
                    entry.published(key, ref, id, at, pool);
                } else {
                    SyncTarget target = SyncTarget.values()[random.nextInt(2)];
                    SyncStatus status = SyncStatus.values()[random.nextInt(SyncStatus.values().length)];
                    String externalRef = random.nextInt(20) == 0 ? "REF-X" : "ERP" + random.nextInt(100_000);
                    String reason = random.nextBoolean() ? null : "nothing to send " + random.nextInt(3);
                    SyncOutcome outcome = new SyncOutcome(id, mall, orderNo, target, status, externalRef,
                            random.nextInt(3), reason, at.plusSeconds(2), ref.event(), ref.line());
                    ledger.outcome(outcome, recordTime);
                    entry.outcome(key, outcome, pool);
                }
                if (step % 500 == 499) {
                    clock.now = clock.now.plus(Duration.ofHours(random.nextInt(4)));
                    long cutoff = window.cutoff().getAsLong();
                    int expected = (int) model.values().stream().filter(e -> e.lastSeen() < cutoff).count();
                    model.values().removeIf(e -> e.lastSeen() < cutoff);
                    assertThat(ledger.evictExpired()).as("evicted (seed %d)", seed).isEqualTo(expected);
                }
                if (step % 250 == 0) {
                    sameAnswers(ledger, model, pool, clock.now, seed);
                }
            }
            sameAnswers(ledger, model, pool, clock.now, seed);
        }
    }

    private static void sameAnswers(OrderLedger ledger, Map<String, OrderEntry> model, TextPool pool, Instant now,
                                    long seed) {
        assertThat(ledger.orderCount()).as("orders (seed %d)", seed).isEqualTo(model.size());
        assertThat(ledger.eventCount()).isEqualTo(model.values().stream().mapToLong(OrderEntry::eventCount).sum());
        for (SyncTarget target : SyncTarget.values()) {
            assertThat(ledger.pending(target))
                    .isEqualTo(model.values().stream().mapToLong(e -> e.pending(target)).sum());
        }
        List<OrderLedger.Overdue> overdue = new ArrayList<>();
        model.forEach((key, e) -> e.overdue(() -> key, now.minus(AFTER), now, overdue));
        overdue.sort(Comparator.comparing(OrderLedger.Overdue::receivedAt).thenComparing(OrderLedger.Overdue::key)
                .thenComparing(o -> new EventRef(o.event(), o.line())).thenComparing(OrderLedger.Overdue::target));
        assertThat(ledger.overdue(now, AFTER)).as("overdue (seed %d)", seed).isEqualTo(overdue);
        List<OrderLedger.Awaiting> awaiting = new ArrayList<>();
        model.forEach((key, e) -> e.awaiting(() -> key, now, pool).ifPresent(awaiting::add));
        awaiting.sort(Comparator.comparing(OrderLedger.Awaiting::paidAt).thenComparing(OrderLedger.Awaiting::key));
        assertThat(ledger.awaitingConfirmation(now)).as("awaiting (seed %d)", seed).isEqualTo(awaiting);
        assertThat(ledger.awaitingCount()).isEqualTo(awaiting.size());
        assertThat(ledger.awaitingConfirmation(now, 5)).as("5 longest awaiting (seed %d)", seed)
                .isEqualTo(awaiting.subList(0, Math.min(5, awaiting.size())));
        for (int n = 0; n < 400; n += 7) {
            String orderNo = Integer.toString(n);
            for (String key : List.of("222:" + orderNo, "333:" + orderNo)) {
                OrderEntry e = model.get(key);
                assertThat(ledger.events(key, now, AFTER)).as("events of %s (seed %d)", key, seed)
                        .isEqualTo(e == null ? List.of() : e.view(key, now.minus(AFTER), pool));
                assertThat(ledger.receivedAt(key)).isEqualTo(e == null ? null : e.receivedAt());
                assertThat(ledger.awaitingConfirmation(key, now))
                        .isEqualTo(e != null && e.awaiting(() -> key, now, pool).isPresent());
            }
            assertThat(ledger.keys(orderNo, 10)).as("search %s", orderNo).containsExactlyInAnyOrderElementsOf(
                    model.keySet().stream().filter(k -> k.endsWith(":" + orderNo)).toList());
            assertThat(ledger.keys("222:" + orderNo, 10))
                    .isEqualTo(model.containsKey("222:" + orderNo) ? List.of("222:" + orderNo) : List.of());
        }
    }
}
