package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/** A packed order gives back the very rows, key and answers of the entry it was packed from. */
class PackedOrderTest {

    private final TextPool pool = new TextPool();

    @Test
    void keysOfEveryFormComeBackAndAnswerTheSearchByOrderNumberAsTheStringRuleDoes() {
        List<String> keys = List.of("222:47110000160000000042", "222:1", "7:A1", "", ":", "1:2:3", "9:单号7",
                "222:", "x", "123");
        List<String> queries = List.of("47110000160000000042", "1", "A1", "", "2:3", "3", "单号7", "号7", "x", "123");
        for (String key : keys) {
            byte[] packed = PackedOrder.pack(KeyCode.of(key), new OrderEntry(5, new long[0], 0));
            assertThat(PackedOrder.key(packed)).isEqualTo(key);
            assertThat(KeyCode.equals(packed, PackedOrder.KEY_AT, KeyCode.of(key))).isTrue();
            assertThat(KeyCode.hash(packed, PackedOrder.KEY_AT)).isEqualTo(KeyCode.hash(KeyCode.of(key), 0));
            for (String query : queries) {
                String suffix = ":" + query;
                boolean byString = key.endsWith(suffix) && key.indexOf(':') == key.length() - suffix.length();
                assertThat(KeyCode.isNumberOf(packed, PackedOrder.KEY_AT, query)).as("%s by %s", key, query)
                        .isEqualTo(byString);
                if (!query.equals(key)) {
                    assertThat(KeyCode.equals(packed, PackedOrder.KEY_AT, KeyCode.of(query))).isFalse();
                }
            }
        }
        assertThat(KeyCode.of("222:47110000160000000042")).as("two digits a byte").hasSize(1 + 12);
    }

    @Test
    void randomEntriesComeBackRowForRowWithTheirFlagsTelling() {
        Random random = new Random(16);
        Instant base = Instant.parse("2026-11-23T10:00:00.123456789Z");
        int packedCount = 0;
        for (int n = 0; n < 3_000; n++) {
            String key = "222:" + n;
            OrderEntry entry = new OrderEntry();
            int records = 1 + random.nextInt(8);
            for (int i = 0; i < records; i++) {
                OrderEvent event = OrderEvent.values()[random.nextInt(OrderEvent.values().length)];
                EventRef ref = new EventRef(event, event == OrderEvent.REFUNDED ? (long) random.nextInt(5) : null);
                Instant at = base.plusMillis(random.nextInt(100_000_000)).minusNanos(random.nextInt(1000));
                UUID id = random.nextInt(5) == 0 ? null : new UUID(n, ref.rank());
                entry.seen(at.toEpochMilli() + random.nextInt(5000));
                if (random.nextBoolean()) {
                    entry.published(key, ref, id, at, pool);
                } else {
                    SyncTarget target = SyncTarget.values()[random.nextInt(2)];
                    SyncStatus status = SyncStatus.values()[random.nextInt(SyncStatus.values().length)];
                    String externalRef = switch (random.nextInt(3)) {
                        case 0 -> null;
                        case 1 -> "ERP%012d".formatted(random.nextInt(1 << 30));
                        default -> "batch-" + random.nextInt(1000);
                    };
                    String reason = random.nextBoolean() ? null : "reason " + random.nextInt(4);
                    entry.outcome(key, new SyncOutcome(id, 222, Integer.toString(n), target, status, externalRef,
                            random.nextInt(4), reason, at.plusSeconds(2), ref.event(), ref.line()), pool);
                }
            }
            byte[] packed = PackedOrder.pack(KeyCode.of(key), entry);
            if (packed == null) {
                assertThat(entry.holdsObjects()).as("only an entry holding objects stays unpacked").isTrue();
                continue;
            }
            packedCount++;
            OrderEntry back = new OrderEntry();
            long[] buffer = new long[500];
            long[] rows = PackedOrder.unpack(packed, back, n % 2 == 0 ? buffer : null);
            int longs = entry.eventCount() * OrderEntry.STRIDE;
            assertThat(Arrays.copyOf(rows, longs)).isEqualTo(Arrays.copyOf(entry.rows(), longs));
            assertThat(back.eventCount()).isEqualTo(entry.eventCount());
            assertThat(back.lastSeen()).isEqualTo(entry.lastSeen());
            assertThat(PackedOrder.lastSeen(packed)).isEqualTo(entry.lastSeen());
            assertThat(PackedOrder.eventCount(packed)).isEqualTo(entry.eventCount());
            Instant now = base.plus(Duration.ofDays(3));
            assertThat(back.view(key, now, pool)).isEqualTo(entry.view(key, now, pool));
            boolean waits = entry.pending(SyncTarget.ERP) + entry.pending(SyncTarget.CRM_2030) > 0;
            assertThat((PackedOrder.flags(packed) & PackedOrder.WAITS) != 0).isEqualTo(waits);
            boolean awaiting = entry.awaiting(() -> key, now, pool).isPresent();
            assertThat((PackedOrder.flags(packed) & PackedOrder.SKIPPED_PAID) != 0).isEqualTo(awaiting);
        }
        assertThat(packedCount).as("most entries pack").isGreaterThan(1_500);
    }
}
