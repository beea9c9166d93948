package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.LedgerWindowGuard;
import com.mallsync.erpsync.ledger.SyncedEntry;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.model.Json;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.sandbox.erp.ErpSandbox;
import com.mallsync.testsupport.KafkaTestBroker;

/**
 * The guard of the ledger's window, through the real service, broker and sandbox: an order paid before the window
 * is never sent (REJECTED {@code OUTSIDE_LEDGER_WINDOW}, one dead letter), the operator's way out (a wider window and
 * a replay) sends it, and an order within the window, or one the ledger still knows, is unaffected.
 */
class ErpLedgerWindowIT {

    private static KafkaTestBroker broker;
    private static ErpSandbox sandbox;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        broker = KafkaTestBroker.start();
        ItSupport.createTopics(broker, 3, Topics.ORDERS_PAID, Topics.ERP_SYNC_DLT);
        sandbox = ErpSandbox.start(0);
        producer = ItSupport.producer(broker);
    }

    @AfterAll
    static void stop() {
        producer.close();
        sandbox.close();
        broker.close();
    }

    @BeforeEach
    void emptySandbox() {
        sandbox.reset();
    }

    @Test
    void anOrderPaidBeforeTheWindowIsRejectedUnsentAndDeadLetteredOnceThenAWiderWindowAndAReplaySendIt() {
        OrderPaid old = ItSupport.order("W-OLD-1", Instant.now().minus(Duration.ofDays(61)));
        ConsumerRecord<String, String> dead;
        try (ConfigurableApplicationContext service = ItSupport.service(broker, sandbox, Map.of())) {
            ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(old));

            SyncOutcome outcome = ItSupport.awaitOutcome(broker, old);

            assertThat(outcome.status()).isEqualTo(SyncStatus.REJECTED);
            assertThat(outcome.reason()).startsWith(LedgerWindowGuard.OUTSIDE_LEDGER_WINDOW + ": its paidAt ");
            assertThat(outcome.attempts()).isZero();
            dead = ItSupport.awaitDeadLetter(broker, Topics.ERP_SYNC_DLT, old);
            assertThat(header(dead, RecordHeaders.SYNC_STATUS)).isEqualTo("REJECTED");
            assertThat(header(dead, RecordHeaders.DLT_EXCEPTION_MESSAGE))
                    .startsWith(LedgerWindowGuard.OUTSIDE_LEDGER_WINDOW + ":");
            assertThat(sandbox.stats().requests()).as("nothing was sent to the ERP").isZero();
            Counter counted = service.getBean(MeterRegistry.class).find("erp.sync.outside.ledger.window")
                    .tag("event", "PAID").counter();
            assertThat(counted).isNotNull();
            assertThat(counted.count()).isEqualTo(1.0);
        }

        // The operator checked the ERP (it does not have the order), widens the window past the payment, replays.
        try (ConfigurableApplicationContext wider = ItSupport.service(broker, sandbox,
                Map.of("erp-sync.ledger.window", "400d"))) {
            assertThat(wider.getBean(SyncedLedger.class).window()).hasToString("the last PT9600H");
            ProducerRecord<String, String> replay = new ProducerRecord<>(Topics.ORDERS_PAID, dead.key(), dead.value());
            replay.headers().add(RecordHeaders.REPLAYED_FROM,
                    (dead.topic() + "/" + dead.partition() + "/" + dead.offset()).getBytes(StandardCharsets.UTF_8));
            producer.send(replay);
            producer.flush();

            await().atMost(KafkaTestBroker.PATIENCE).until(() -> ItSupport.outcomes(broker, old).size() == 2);
            assertThat(ItSupport.outcomes(broker, old)).extracting(SyncOutcome::status)
                    .containsExactly(SyncStatus.REJECTED, SyncStatus.SYNCED);
            assertThat(sandbox.orders()).singleElement()
                    .satisfies(o -> assertThat(o.outerId()).isEqualTo("W-OLD-1"));
        }
    }

    @Test
    void anOrderPaidWithinTheWindowIsSentAndAnOldOrderTheLedgerStillKnowsIsAnsweredFromIt() {
        OrderPaid recent = ItSupport.order("W-59D-1", Instant.now().minus(Duration.ofDays(59)));
        OrderPaid known = ItSupport.order("W-OLD-KNOWN-1", Instant.now().minus(Duration.ofDays(90)));
        try (ConfigurableApplicationContext service = ItSupport.service(broker, sandbox, Map.of())) {
            // Confirmed recently by the ledger's clock (a call made late, say): the ledger remembers it.
            SyncedLedger ledger = service.getBean(SyncedLedger.class);
            producer.send(new ProducerRecord<>(ErpSyncProperties.SYNCED_TOPIC, known.key(), Json.writeString(
                    new SyncedEntry(known.eventId(), "ERP-KNOWN-1", 1, Instant.now().minus(Duration.ofDays(1))))));
            producer.flush();
            await().atMost(KafkaTestBroker.PATIENCE).until(() -> ledger.find(known.key()).isPresent());

            ItSupport.publish(producer, Topics.ORDERS_PAID, List.of(recent, known));

            SyncOutcome sent = ItSupport.awaitOutcome(broker, recent);
            assertThat(sent.status()).isEqualTo(SyncStatus.SYNCED);
            SyncOutcome fromLedger = ItSupport.awaitOutcome(broker, known);
            assertThat(fromLedger.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(fromLedger.externalRef()).isEqualTo("ERP-KNOWN-1");
            assertThat(sandbox.orders()).singleElement()
                    .satisfies(o -> assertThat(o.outerId()).isEqualTo("W-59D-1"));
            Gauge entries = service.getBean(MeterRegistry.class).find("erp.sync.ledger.entries").gauge();
            assertThat(entries).isNotNull();
            assertThat(entries.value()).isGreaterThanOrEqualTo(2.0);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
