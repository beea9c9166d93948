package com.mallsync.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The compact table against a plain HashMap: random puts, removes and sweeps give the same map. */
class OutcomeTableTest {

    @Test
    void randomPutsRemovesAndSweepsLeaveWhatAHashMapHolds() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            OutcomeTable table = new OutcomeTable();
            Map<UUID, Long> model = new HashMap<>();
            List<UUID> keys = new ArrayList<>();
            int steps = 2_000 + random.nextInt(8_000);
            for (int step = 0; step < steps; step++) {
                UUID key = keyFor(random, keys);
                int op = random.nextInt(100);
                if (op < 60) {
                    long value = 1 + random.nextInt(1_000);
                    table.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), value);
                    model.put(key, value);
                } else if (op < 90) {
                    boolean had = table.remove(key.getMostSignificantBits(), key.getLeastSignificantBits());
                    assertThat(had).isEqualTo(model.remove(key) != null);
                } else if (op < 92) {
                    long limit = random.nextInt(1_000);
                    int removed = table.removeIf(v -> v < limit);
                    int expected = (int) model.values().stream().filter(v -> v < limit).count();
                    model.values().removeIf(v -> v < limit);
                    assertThat(removed).as("seed %d step %d", seed, step).isEqualTo(expected);
                }
                assertThat(table.get(key.getMostSignificantBits(), key.getLeastSignificantBits()))
                        .isEqualTo(model.getOrDefault(key, 0L));
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (UUID key : keys) {
                assertThat(table.get(key.getMostSignificantBits(), key.getLeastSignificantBits()))
                        .as("seed %d, %s", seed, key).isEqualTo(model.getOrDefault(key, 0L));
            }
        }
    }

    /** Often a key seen before; keys sharing a half, so only the whole 128 bits tell them apart. */
    private static UUID keyFor(Random random, List<UUID> keys) {
        if (!keys.isEmpty() && random.nextInt(3) > 0) {
            return keys.get(random.nextInt(keys.size()));
        }
        UUID key = switch (random.nextInt(4)) {
            case 0 -> new UUID(7, random.nextInt(50));
            case 1 -> new UUID(random.nextInt(50), 7);
            case 2 -> new UUID(random.nextInt(8), random.nextInt(8));
            default -> UUID.randomUUID();
        };
        keys.add(key);
        return key;
    }

    @Test
    void twoKeysThatShareAHalfAreTwoEntries() {
        OutcomeTable table = new OutcomeTable();
        table.put(1, 2, 10);
        table.put(1, 3, 20);
        table.put(2, 2, 30);
        assertThat(table.get(1, 2)).isEqualTo(10);
        assertThat(table.get(1, 3)).isEqualTo(20);
        assertThat(table.get(2, 2)).isEqualTo(30);
        assertThat(table.get(2, 3)).isZero();
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void itGrowsByQuartersAndKeepsBetweenThreeFifthsAndThreeQuartersOfItsSlotsUsed() {
        OutcomeTable table = new OutcomeTable();
        for (int i = 0; i < 100_000; i++) {
            table.put(i, -i, i + 1);
            assertThat((long) table.size()).isLessThanOrEqualTo(table.capacity() * 3 / 4 + 64);
        }
        assertThat(table.capacity()).isLessThan(100_000 * 7 / 4);
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.get(i, -i)).isEqualTo(i + 1);
        }
        assertThat(table.removeIf(v -> v % 2 == 0)).isEqualTo(50_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.get(i, -i)).isEqualTo((i + 1) % 2 == 0 ? 0 : i + 1);
        }
    }

    @Test
    void zeroIsNoValue() {
        assertThatThrownBy(() -> new OutcomeTable().put(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueIsAnyNonZeroIntAndReadsBackAsTheSameLong() {
        OutcomeTable table = new OutcomeTable();
        table.put(1, 1, Integer.MIN_VALUE);
        table.put(1, 2, -1);
        table.put(1, 3, Integer.MAX_VALUE);
        assertThat(table.get(1, 1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(table.get(1, 2)).isEqualTo(-1);
        assertThat(table.get(1, 3)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> table.put(1, 4, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThat(table.removeIf(v -> v < 0)).isEqualTo(2);
        assertThat(table.size()).isEqualTo(1);
    }
}
