package com.mallsync.erpsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.runtime.SkippedRecords;

/**
 * The streaming read of a ledger value against the full bind it short-cuts: the same entry for what the ledger
 * writes, and for anything else exactly the full bind's verdict. And a tombstone (null value), which never reaches
 * either: it removes a pending mark only.
 */
class LedgerValuesTest {

    private static final String TOPIC = "erp-sync.synced.v1";

    @Test
    void whatTheLedgerWritesReadsBackTheSameByTheShortCut() {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            Instant at = random.nextInt(10) == 0 ? null : Instant.ofEpochSecond(1_700_000_000L
                    + random.nextInt(200_000_000), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000) * 1_000);
            SyncedEntry entry = random.nextBoolean() ? SyncedEntry.calling(UUID.randomUUID(), at)
                    : new SyncedEntry(UUID.randomUUID(), random.nextInt(5) == 0 ? null : "ERP" + random.nextInt(),
                    random.nextInt(12), at, false);
            String json = Json.writeString(entry);
            assertThat(LedgerValues.fast(json)).as(json).isEqualTo(entry).isEqualTo(LedgerValues.full(json));
        }
    }

    @Test
    void anyOtherShapeGetsTheFullBindsVerdict() {
        String id = UUID.randomUUID().toString();
        for (String json : List.of(
                "{\"eventId\":\"" + id.toUpperCase() + "\",\"attempts\":1}",
                "{\"eventId\":\"" + id + "\",\"attempts\":\"3\"}",
                "{\"eventId\":\"" + id + "\",\"attempts\":null,\"pending\":null}",
                "{\"eventId\":\"" + id + "\",\"attempts\":2.0}",
                "{\"eventId\":\"" + id + "\",\"attempts\":3000000000}",
                "{\"eventId\":\"" + id + "\",\"at\":\"2026-12-02T09:00:00+08:00\"}",
                "{\"eventId\":\"" + id + "\",\"at\":\"2026-12-02T09:00:00.5Z\",\"extra\":{\"a\":[1,2]}}",
                "{\"eventId\":\"" + id + "\",\"at\":1764666000}",
                "{\"eventId\":\"" + id + "\",\"pending\":\"true\"}",
                "{\"eventId\":\"" + id + "\",\"outerTradeId\":7}",
                "{\"eventId\":\"" + id + "\",\"eventId\":\"" + UUID.randomUUID() + "\"}",
                "{\"eventId\":null,\"attempts\":1}",
                "{\"attempts\":1}",
                "{\"eventId\":\"" + id + "\"} trailing",
                "{\"eventId\":\"" + id + "\"",
                "[1]",
                "null",
                "\"text\"",
                "")) {
            SyncedEntry full;
            try {
                full = LedgerValues.full(json);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> LedgerValues.read(json)).as(json).isInstanceOf(e.getClass());
                continue;
            }
            assertThat(LedgerValues.read(json)).as(json).isEqualTo(full);
        }
    }

    private static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>(TOPIC, 0, 0, Instant.parse("2026-12-02T09:00:00Z").toEpochMilli(),
                TimestampType.CREATE_TIME, key.length(), value == null ? -1 : value.length(), key, value,
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void aTombstoneRemovesAPendingMarkNeverAConfirmationAndIsNotCountedAsUnreadable() {
        SkippedRecords skipped = new SkippedRecords();
        SyncedLedger ledger = new SyncedLedger(TOPIC, null, () -> {
            throw new AssertionError("not started");
        }, null, skipped);
        SyncedEntry confirmed = new SyncedEntry(UUID.randomUUID(), "ERP1", 1, Instant.parse("2026-12-02T09:00:00Z"));
        ledger.take(record("222:A", Json.writeString(confirmed)));
        ledger.take(record("222:B", Json.writeString(SyncedEntry.calling(UUID.randomUUID(),
                Instant.parse("2026-12-02T09:00:01Z")))));

        ledger.take(record("222:A", null));
        ledger.take(record("222:B", null));
        ledger.take(record("222:C", null));

        assertThat(ledger.find("222:A")).contains(confirmed);
        assertThat(ledger.find("222:B")).isEmpty();
        assertThat(ledger.find("222:C")).isEmpty();
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(skipped.count(TOPIC)).isZero();

        // and an unreadable value is counted, and leaves what was there
        ledger.take(record("222:A", "{\"eventId\":"));
        assertThat(skipped.count(TOPIC)).isEqualTo(1);
        assertThat(ledger.find("222:A")).contains(confirmed);
    }
}
