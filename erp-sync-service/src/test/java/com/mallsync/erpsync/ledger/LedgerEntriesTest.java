package com.mallsync.erpsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The compact ledger map against the ConcurrentHashMap code it replaced, run on a plain HashMap. */
class LedgerEntriesTest {

    private static final Instant BASE = Instant.parse("2026-12-02T09:00:00.123456789Z");

    private static SyncedEntry randomEntry(Random random) {
        Instant at = random.nextInt(20) == 0 ? null
                : BASE.plusSeconds(random.nextInt(1_000)).plusNanos(random.nextInt(999_999_999));
        return random.nextInt(3) == 0 ? SyncedEntry.calling(new UUID(random.nextLong(), random.nextLong()), at)
                : new SyncedEntry(new UUID(random.nextLong(), random.nextLong()),
                random.nextInt(5) == 0 ? null : "ERP" + random.nextInt(1_000_000) + (random.nextBoolean() ? "单" : ""),
                random.nextInt(10), at, false);
    }

    @Test
    void randomMergesRemovalsAndEvictionsLeaveWhatTheOldMapHeld() {
        randomOperationsAgainstTheModel(20, 30, 4_000, 1_000);
    }

    @Test
    void withSmallSlabsEmptiedAsEntriesAreReplacedAndRemovedNothingIsLostOrMiscounted() {
        // 256 KiB slabs (about 4,500 entries each) and few keys: replacements and removals empty slabs many times
        randomOperationsAgainstTheModel(18, 6, 100_000, 25_000);
    }

    private static void randomOperationsAgainstTheModel(int slabBits, int seeds, int steps, int fullCheckEvery) {
        for (long seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            LedgerEntries entries = new LedgerEntries(slabBits);
            Map<String, SyncedEntry> model = new HashMap<>();
            List<String> keys = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                String key;
                if (!keys.isEmpty() && random.nextInt(3) > 0) {
                    key = keys.get(random.nextInt(keys.size()));
                } else {
                    // keys alike but for one character, a return's, non-ASCII, empty
                    key = switch (random.nextInt(4)) {
                        case 0 -> "222:2025032016580990" + random.nextInt(100);
                        case 1 -> "222:2025032016580990" + random.nextInt(100) + "-R" + random.nextInt(3);
                        case 2 -> random.nextBoolean() ? "222:订单" + random.nextInt(50) : "222:a" + random.nextInt(50);
                        default -> random.nextInt(50) == 0 ? "" : "1:" + random.nextInt(1000);
                    };
                    keys.add(key);
                }
                String why = "seed " + seed + " step " + step + " key " + key;
                int op = random.nextInt(100);
                if (op < 60) {
                    SyncedEntry entry = randomEntry(random);
                    entries.merge(key, entry);
                    model.merge(key, entry, SyncedEntry::merge);
                } else if (op < 90) {
                    SyncedEntry held = model.get(key);
                    boolean pending = held != null && held.pending();
                    if (pending) {
                        model.remove(key);
                    }
                    assertThat(entries.removePending(key)).as(why).isEqualTo(pending);
                } else if (op < 92) {
                    long cutoff = BASE.plusSeconds(random.nextInt(1_000)).toEpochMilli();
                    int before = model.size();
                    model.values().removeIf(e -> e.at() != null && e.at().toEpochMilli() < cutoff);
                    assertThat(entries.removeOlderThan(cutoff)).as(why).isEqualTo(before - model.size());
                }
                assertThat(entries.get(key)).as(why).isEqualTo(model.get(key));
                assertThat(entries.size()).as(why).isEqualTo(model.size());
                if ((step + 1) % fullCheckEvery == 0) {
                    everyKeyReadsAsTheModel(entries, model, keys, why);
                }
            }
            everyKeyReadsAsTheModel(entries, model, keys, "seed " + seed);
            // the slabs' bookkeeping: exactly the held entries are live, and at most about twice that is held
            long live = model.entrySet().stream()
                    .mapToLong(e -> 2 + LedgerEntries.encode(LedgerEntries.Key.of(e.getKey()), e.getValue()).length)
                    .sum();
            assertThat(entries.liveBytes()).as("seed %d", seed).isEqualTo(live);
            assertThat(entries.slabBytes()).as("seed %d", seed).isLessThanOrEqualTo(2 * live + (2L << slabBits));
        }
    }

    private static void everyKeyReadsAsTheModel(LedgerEntries entries, Map<String, SyncedEntry> model,
                                                List<String> keys, String why) {
        for (String key : keys) {
            assertThat(entries.get(key)).as("%s key %s", why, key).isEqualTo(model.get(key));
        }
    }

    @Test
    void anEntryReadsBackExactlyWithEveryFieldAndTheNanosOfItsTime() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            SyncedEntry entry = randomEntry(random);
            LedgerEntries.Key key = LedgerEntries.Key.of(i % 3 == 0 ? "222:单" + i : "222:" + i);
            assertThat(LedgerEntries.decode(LedgerEntries.encode(key, entry))).isEqualTo(entry);
        }
    }

    @Test
    void keysAndErpNumbersOfDigitsTakeHalfAByteACharacter() {
        SyncedEntry entry = new SyncedEntry(UUID.randomUUID(), "ERP000000000123", 1, BASE);
        byte[] packed = LedgerEntries.encode(LedgerEntries.Key.of("222:20251202000000000001"), entry);
        assertThat(packed).hasSize(35 + 12 + 8);
        assertThat(LedgerEntries.decode(packed)).isEqualTo(entry);
        for (String text : List.of("", "1", "22", "222:2025-R7", "222:2025-C", "6359657698853654528")) {
            byte[] bytes = LedgerEntries.pack(text);
            assertThat(bytes).as(text).hasSize((text.length() + 1) / 2);
            assertThat(LedgerEntries.unpack(bytes, 0, text.length())).isEqualTo(text);
        }
        assertThat(LedgerEntries.pack("222:a")).isNull();
        assertThat(LedgerEntries.pack("222:单")).isNull();
        SyncedEntry utf8 = new SyncedEntry(UUID.randomUUID(), "erp-单-7", 2, BASE);
        byte[] plain = LedgerEntries.encode(LedgerEntries.Key.of("305:x-1"), utf8);
        assertThat(plain).hasSize(35 + 7 + "erp-单-7".getBytes(StandardCharsets.UTF_8).length);
        assertThat(LedgerEntries.decode(plain)).isEqualTo(utf8);
    }

    @Test
    void aConfirmationIsNeverReplacedByAPendingMarkNorRemovedAsOne() {
        LedgerEntries entries = new LedgerEntries();
        SyncedEntry confirmed = new SyncedEntry(UUID.randomUUID(), "ERP1", 1, BASE);
        entries.merge("222:A", confirmed);
        entries.merge("222:A", SyncedEntry.calling(UUID.randomUUID(), BASE.plusSeconds(5)));
        assertThat(entries.get("222:A")).isEqualTo(confirmed);
        assertThat(entries.removePending("222:A")).isFalse();
        assertThat(entries.get("222:A")).isEqualTo(confirmed);
        assertThat(entries.get("222:B")).isNull();
    }

    @Test
    void anEntryOfTheBenchmarksShapeTakesAboutSixtyBytesInSlabsAndTable() {
        LedgerEntries entries = new LedgerEntries();
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            entries.merge("222:4711000016" + "%010d".formatted(i),
                    new SyncedEntry(new UUID(i, -i), "ERP%012d".formatted(i), 1, BASE.plusMillis(i)));
        }
        // 57 bytes in a slab (2 + 35 + a 12-byte key + an 8-byte ref), 4 per slot of the table
        assertThat(entries.liveBytes()).isEqualTo(57L * n);
        double perEntry = (entries.slabBytes() + 4.0 * entries.capacity()) / n;
        assertThat(perEntry).isBetween(57.0, 70.0);
    }

    @Test
    void anEntryTooLongForASlabIsRefusedAndNothingElseChanges() {
        LedgerEntries entries = new LedgerEntries();
        entries.merge("222:A", new SyncedEntry(UUID.randomUUID(), "ERP1", 1, BASE));
        String huge = "x".repeat(70_000);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> entries.merge("222:A", new SyncedEntry(UUID.randomUUID(), huge, 1, BASE)));
        assertThat(entries.get("222:A").outerTradeId()).isEqualTo("ERP1");
        assertThat(entries.size()).isEqualTo(1);
    }

    @Test
    void twoHundredThousandEntriesFitInAtMostTwiceAsManySlots() {
        LedgerEntries entries = new LedgerEntries();
        for (int i = 0; i < 200_000; i++) {
            entries.merge("222:" + (20251202000000000L + i), new SyncedEntry(new UUID(i, -i), "ERP" + i, 1, BASE));
        }
        assertThat(entries.size()).isEqualTo(200_000);
        assertThat(entries.capacity()).isBetween(200_000 * 4 / 3, 200_000 * 2);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(entries.get("222:" + (20251202000000000L + i)).outerTradeId()).isEqualTo("ERP" + i);
        }
    }
}
