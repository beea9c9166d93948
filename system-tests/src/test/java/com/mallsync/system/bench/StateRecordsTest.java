package com.mallsync.system.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.mallsync.model.CloudEvents;
import com.mallsync.model.Json;
import com.mallsync.model.Retention;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.lifecycle.ExpectedEvent;
import com.mallsync.stack.lifecycle.LifecycleRules;

class StateRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final int COUNT = 2_000;
    private final StateRecords records = new StateRecords("1234567890", COUNT, Duration.ofDays(56),
            StateBenchmark.LEDGER_TOPIC, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachEventIsAnOrderPaidRecordOfItsOrderWithIngestsHeadersAtItsOwnTime() {
        for (int i = 0; i < 50; i++) {
            List<ProducerRecord<String, byte[]>> paid = records.order(i).paid();
            assertThat(paid).isNotEmpty();
            for (ProducerRecord<String, byte[]> record : paid) {
                OrderPaid event = Json.read(record.value(), OrderPaid.class);
                assertThat(record.topic()).isEqualTo(Topics.ORDERS_PAID);
                assertThat(record.key()).isEqualTo(event.key()).isEqualTo("222:" + records.orderNo(i));
                assertThat(header(record, CloudEvents.ID)).isEqualTo(event.eventId().toString());
                assertThat(header(record, CloudEvents.TYPE)).isEqualTo(event.event().ceType());
                assertThat(header(record, CloudEvents.TIME)).isEqualTo(event.occurredAt().toString());
                assertThat(record.timestamp()).isEqualTo(event.occurredAt().toEpochMilli());
                assertThat(event.eventId()).isEqualTo(event.event().eventId(222, records.orderNo(i), event.line()));
                assertThat(event.rawPayload()).contains(records.orderNo(i));
                if (i > 0) {
                    assertThat(event.rawPayload()).doesNotContain(records.orderNo(0));
                }
            }
            OrderPaid first = Json.read(paid.get(0).value(), OrderPaid.class);
            assertThat(first.event()).isEqualTo(OrderEvent.PAID);
            assertThat(first.occurredAt()).isEqualTo(records.paidAt(i));
        }
    }

    @Test
    void eachEventHasOneOutcomePerTargetWithTheStatusTheLifecycleRulesRequire() {
        for (int i = 0; i < 200; i++) {
            String orderNo = records.orderNo(i);
            StateRecords.OrderRecords order = records.order(i);
            List<ExpectedEvent> expected = LifecycleRules.expected(records.story(i), OrderEvent.CONFIRMED);
            assertThat(order.outcomes()).hasSize(2 * expected.size()).hasSize(2 * order.paid().size());
            for (ProducerRecord<String, byte[]> record : order.outcomes()) {
                SyncOutcome outcome = Json.read(record.value(), SyncOutcome.class);
                ExpectedEvent rule = expected.stream().filter(e -> e.eventId(222, orderNo)
                        .equals(outcome.eventId())).findFirst().orElseThrow();
                assertThat(outcome.status()).isEqualTo(rule.at(outcome.target()));
                assertThat(outcome.event()).isEqualTo(rule.event());
                assertThat(record.topic()).isEqualTo(Topics.ORDERS_OUTCOMES);
                assertThat(record.key()).isEqualTo(outcome.key());
                assertThat(record.timestamp()).isEqualTo(outcome.at().toEpochMilli());
                assertThat(header(record, CloudEvents.TYPE)).isEqualTo(CloudEvents.SYNC_OUTCOME_TYPE);
                assertThat(header(record, CloudEvents.SOURCE)).isEqualTo(outcome.target() == SyncTarget.ERP
                        ? "erp-sync-service" : "member-sync-service");
                assertThat(outcome.externalRef() != null).isEqualTo(outcome.status() == SyncStatus.SYNCED);
            }
        }
    }

    @Test
    void theLedgerHoldsOneEntryPerErpOrderCreatedThatErpSyncsOwnClassReads() throws Exception {
        Class<?> synced = erpSyncsSyncedEntry();
        assertThat(components(synced)).isEqualTo(components(LedgerEntry.class));
        Method eventId = synced.getMethod("eventId");
        Method outerTradeId = synced.getMethod("outerTradeId");
        Method pending = synced.getMethod("pending");
        for (int i = 0; i < 200; i++) {
            StateRecords.OrderRecords order = records.order(i);
            Set<UUID> erpSynced = order.outcomes().stream().map(r -> Json.read(r.value(), SyncOutcome.class))
                    .filter(o -> o.target() == SyncTarget.ERP && o.status() == SyncStatus.SYNCED)
                    .map(SyncOutcome::eventId).collect(Collectors.toSet());
            assertThat(order.ledger()).hasSize(erpSynced.size());
            for (ProducerRecord<String, byte[]> record : order.ledger()) {
                Object entry = Json.read(record.value(), synced);
                assertThat(erpSynced).contains((UUID) eventId.invoke(entry));
                assertThat((String) outerTradeId.invoke(entry)).startsWith("ERP");
                assertThat((boolean) pending.invoke(entry)).isFalse();
                assertThat(record.topic()).isEqualTo(StateBenchmark.LEDGER_TOPIC);
                assertThat(record.key()).startsWith("222:" + records.orderNo(i));
            }
        }
    }

    @Test
    void theOrdersAreSpreadOverTheLastDaysOldestFirstAllInsideTheAfterSaleWindow() {
        assertThat(records.paidAt(0)).isEqualTo(NOW.minus(Duration.ofDays(56)));
        assertThat(records.paidAt(COUNT - 1)).isBefore(NOW).isAfter(NOW.minus(Duration.ofHours(1)));
        for (int i = 1; i < COUNT; i++) {
            assertThat(records.paidAt(i)).isAfter(records.paidAt(i - 1));
        }
        assertThat(Duration.between(records.paidAt(0), NOW)).isLessThan(Retention.AFTER_SALE);
    }

    @Test
    void theStoriesFollowTheTypicalMix() {
        long confirmed = 0;
        long cancelled = 0;
        long refunds = 0;
        for (int i = 0; i < COUNT; i++) {
            List<OrderEvent> events = records.order(i).paid().stream()
                    .map(r -> Json.read(r.value(), OrderPaid.class).event()).toList();
            confirmed += events.contains(OrderEvent.CONFIRMED) ? 1 : 0;
            cancelled += events.contains(OrderEvent.CANCELLED) ? 1 : 0;
            refunds += events.stream().filter(e -> e == OrderEvent.REFUNDED).count();
        }
        assertThat(confirmed / (double) COUNT).isBetween(0.76, 0.84);
        assertThat(cancelled / (double) COUNT).isBetween(0.03, 0.07);
        assertThat(refunds).isPositive();
    }

    /** erp-sync's own SyncedEntry, from its build output (the module's jar is Spring Boot's executable one). */
    private static Class<?> erpSyncsSyncedEntry() throws Exception {
        Path classes = Path.of("..", "erp-sync-service", "target", "classes").toAbsolutePath().normalize();
        assertThat(classes.resolve("com/mallsync/erpsync/ledger/SyncedEntry.class"))
                .as("erp-sync-service built (./mvnw -pl system-tests -am builds it)").satisfies(p ->
                        assertThat(Files.exists(p)).isTrue());
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                StateRecordsTest.class.getClassLoader());
        return Class.forName("com.mallsync.erpsync.ledger.SyncedEntry", true, loader);
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName() + ":" + c.getType().getName())
                .toList();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
