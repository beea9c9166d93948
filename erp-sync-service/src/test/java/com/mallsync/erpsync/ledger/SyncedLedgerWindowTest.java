package com.mallsync.erpsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.Window;
import com.mallsync.testsupport.MovingClock;

/**
 * The ledger forgets an entry once its time is older than the window, and only then; so whatever the guard lets
 * through finds its entry.
 */
class SyncedLedgerWindowTest {

    private static final String TOPIC = "erp-sync.synced.v1";
    private static final Duration DAYS_60 = Duration.ofDays(60);

    private final MovingClock clock = new MovingClock();
    private final SyncedLedger ledger = new SyncedLedger(TOPIC, null, () -> {
        throw new AssertionError("not started");
    }, null, new SkippedRecords(), new Window.Last(DAYS_60, clock));

    private static ConsumerRecord<String, String> record(String key, SyncedEntry entry, Instant written) {
        String value = Json.writeString(entry);
        return new ConsumerRecord<>(TOPIC, 0, 0, written.toEpochMilli(), TimestampType.CREATE_TIME, key.length(),
                value.length(), key, value, new RecordHeaders(), Optional.empty());
    }

    @Test
    void anEntryIsRememberedWithinTheWindowAndForgottenAfterIt() {
        ledger.take(record("222:A", new SyncedEntry(UUID.randomUUID(), "1", 1, clock.now), clock.now));
        clock.now = clock.now.plus(Duration.ofDays(30));
        ledger.take(record("222:B", SyncedEntry.calling(UUID.randomUUID(), clock.now), clock.now));

        clock.now = clock.now.plus(Duration.ofDays(30));
        assertThat(ledger.evictExpired()).as("A is exactly 60 days old: still kept").isZero();
        assertThat(ledger.find("222:A")).isPresent();

        clock.now = clock.now.plusMillis(1);
        assertThat(ledger.evictExpired()).isEqualTo(1);
        assertThat(ledger.find("222:A")).isEmpty();
        assertThat(ledger.find("222:B")).isPresent();
        assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void anEntryWithoutATimeIsKeptByItsRecordsTime() {
        String old = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"outerTradeId\":\"7\",\"attempts\":1}";
        Instant written = clock.now;
        ledger.take(new ConsumerRecord<>(TOPIC, 0, 0, written.toEpochMilli(), TimestampType.CREATE_TIME, 5,
                old.length(), "222:OLD", old, new RecordHeaders(), Optional.empty()));

        assertThat(ledger.find("222:OLD")).hasValueSatisfying(e -> assertThat(e.at()).isEqualTo(written));
        clock.now = clock.now.plus(DAYS_60).plusSeconds(1);
        assertThat(ledger.evictExpired()).isEqualTo(1);
    }

    @Test
    void whatTheGuardLetsThroughAlwaysFindsItsEntryAfterEveryEviction() {
        // Orders paid every 6 hours over 120 days, each called (and entered) up to 3 days after its payment; the
        // clock runs on for 200 days in steps of about 3 hours, the ledger sweeping at each. Whenever the guard says
        // Inside, the entry is there.
        Instant start = clock.now;
        Random random = new Random(16);
        MallCheckout checkout = MallCheckout.random(random, List.of(new MallCheckout.Item(new BigDecimal("9.90"), 1)));
        int orders = 480;
        OrderPaid[] paid = new OrderPaid[orders];
        for (int i = 0; i < orders; i++) {
            Instant paidAt = start.plus(Duration.ofHours(6L * i));
            paid[i] = CheckoutPush.orderPaid(checkout, 222, "W" + i, OffsetDateTime.ofInstant(paidAt,
                    ZoneOffset.ofHours(8)));
            Instant calledAt = paidAt.plusSeconds(random.nextInt(3 * 24 * 3600));
            ledger.take(record(paid[i].key(), new SyncedEntry(paid[i].eventId(), "T" + i, 1, calledAt), calledAt));
        }
        int inside = 0;
        int outside = 0;
        for (int step = 0; step < 200 * 8; step++) {
            clock.now = start.plus(Duration.ofHours(3L * step)).plusSeconds(random.nextInt(3 * 3600));
            ledger.evictExpired();
            for (OrderPaid order : paid) {
                if (order.paidAt().toInstant().isAfter(clock.now)) {
                    continue; // not paid yet
                }
                if (LedgerWindowGuard.check(order, ledger.window()) instanceof LedgerWindowGuard.Inside) {
                    assertThat(ledger.find(order.key())).as(order.key() + " at " + clock.now).isPresent();
                    inside++;
                } else {
                    outside++;
                }
            }
        }
        assertThat(inside).isPositive();
        assertThat(outside).as("the walk reached past the window").isPositive();
    }
}
