package com.mallsync.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The order table against a {@code HashMap} model: random inserts, replacements, removals, evictions (removeIf by
 * last-seen time) and lookups over keys of every form (digits and colons, Latin-1, beyond Latin-1), enough of them
 * that segments grow and probe runs wrap and shift; after each step the table answers as the model does.
 */
class OrderTableModelTest {

    private static byte[] packed(String key, long lastSeen) {
        return PackedOrder.pack(KeyCode.of(key), new OrderEntry(lastSeen, new long[0], 0));
    }

    private static String key(Random random) {
        int n = random.nextInt(6_000);
        return switch (n % 3) {
            case 0 -> "222:" + n;
            case 1 -> "7:A-" + n;
            default -> "9:单" + n;
        };
    }

    @Test
    void answersAsAHashMapThroughRandomInsertsReplacementsRemovalsAndEvictions() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            OrderTable table = new OrderTable();
            Map<String, byte[]> model = new HashMap<>();
            for (int step = 0; step < 40_000; step++) {
                String key = key(random);
                int op = random.nextInt(100);
                if (op < 55) {
                    byte[] p = packed(key, random.nextInt(1_000));
                    table.put(KeyCode.of(key), p);
                    model.put(key, p);
                } else if (op < 80) {
                    assertThat(table.remove(KeyCode.of(key))).as("remove %s (seed %d)", key, seed)
                            .isEqualTo(model.remove(key) != null);
                } else if (op < 81) {
                    long cutoff = random.nextInt(1_000);
                    int removed = table.removeIf(p -> PackedOrder.lastSeen(p) < cutoff);
                    int expected = 0;
                    for (var it = model.values().iterator(); it.hasNext(); ) {
                        if (PackedOrder.lastSeen(it.next()) < cutoff) {
                            it.remove();
                            expected++;
                        }
                    }
                    assertThat(removed).as("evicted before %d (seed %d)", cutoff, seed).isEqualTo(expected);
                } else {
                    assertThat(table.get(KeyCode.of(key))).as("get %s (seed %d)", key, seed)
                            .isSameAs(model.get(key));
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            Map<String, byte[]> all = new HashMap<>();
            table.forEach(p -> assertThat(all.put(PackedOrder.key(p), p)).as("each order once").isNull());
            assertThat(all).isEqualTo(model);
            for (String key : model.keySet()) {
                assertThat(table.get(KeyCode.of(key))).isSameAs(model.get(key));
            }
        }
    }

    @Test
    void aTableEmptiedByEvictionFindsNothingAndTakesOrdersAgain() {
        OrderTable table = new OrderTable();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            keys.add("222:" + i);
            table.put(KeyCode.of("222:" + i), packed("222:" + i, i));
        }
        assertThat(table.removeIf(p -> true)).isEqualTo(20_000);
        assertThat(table.size()).isZero();
        keys.forEach(k -> assertThat(table.get(KeyCode.of(k))).isNull());
        table.put(KeyCode.of("222:5"), packed("222:5", 5));
        assertThat(PackedOrder.key(table.get(KeyCode.of("222:5")))).isEqualTo("222:5");
    }
}
