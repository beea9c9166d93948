package com.mallsync.erpsync.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import com.mallsync.erpsync.client.ErpClient;
import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.erpsync.ledger.SyncedLedger;
import com.mallsync.model.Retention;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.MeteredKafkaConsumer;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.GroupMembership;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.OutcomeRecords;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.TopicCheck;
import com.mallsync.runtime.TopicTail;
import com.mallsync.runtime.Window;
import io.micrometer.core.instrument.FunctionCounter;

/**
 * The one place that wires Kafka for this service. No {@code @KafkaListener}: the poll loop is the runtime's
 * {@code PollLoop}, with {@link ErpSyncConsumer} as its dispatcher, because per-key parallelism inside a partition and commit-to-lowest-unfinished do not fit
 * a listener container, and because pausing must happen between polls. Serdes are plain Strings; values are
 * {@code com.mallsync.model.Json}. Every consumer built here is a {@link MeteredKafkaConsumer}: its
 * {@code kafka_consumer_*} meters live as long as it does.
 */
@Configuration(proxyBeanMethods = false)
class ErpSyncWiring {

    /** The resilience4j instance name; configure it under {@code resilience4j.circuitbreaker.instances.erp}. */
    static final String BREAKER = "erp";

    @Bean
    ErpClient erpClient(ErpSyncProperties properties) {
        return new ErpClient(properties.erp());
    }

    @Bean(destroyMethod = "close")
    Admin erpSyncAdmin(KafkaProperties kafka) {
        return Admin.create(kafka.buildAdminProperties());
    }

    /** Unreadable records of the ledger and the outcomes topic: skipped, logged, counted per topic. */
    @Bean
    SkippedRecords skippedRecords(ErpSyncProperties properties, MeterRegistry meters) {
        SkippedRecords skipped = new SkippedRecords();
        for (String topic : List.of(properties.topics().synced(), properties.topics().outcomes())) {
            FunctionCounter.builder(SkippedRecords.METER, skipped, s -> s.count(topic)).tag("topic", topic)
                    .description("unreadable records skipped by a topic tail").register(meters);
        }
        return skipped;
    }

    @Bean
    SyncedLedger syncedLedger(ErpSyncProperties properties, KafkaProperties kafka, Admin admin,
                              KafkaTemplate<String, String> template, SkippedRecords skippedRecords,
                              MeterRegistry meters) {
        ErpSyncProperties.TopicNames topics = properties.topics();
        SyncedLedger ledger = new SyncedLedger(topics.synced(), admin, () -> {
            // A reader of its own: no group, no commits, reads committed data only.
            Map<String, Object> props = TopicTail.readerConfig(kafka.buildConsumerProperties(),
                    "erp-sync-ledger-" + UUID.randomUUID());
            // As the outcome index's reader: larger polls for the start-up read of a million entries.
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
            return MeteredKafkaConsumer.strings(props, meters);
        }, template, skippedRecords, Window.last(properties.ledger().window()));
        if (topics.create()) {
            ledger.createTopic(topics.syncedPartitions());
            createIfMissing(admin, topics.deadLetter());
        }
        TopicCheck.require(admin, topicsNeeded(properties), Duration.ofSeconds(30), "erp-sync");
        return ledger;
    }

    /**
     * What erp-sync needs of its topics at start. The ledger compacted, and keeping its records at least its window
     * (compaction alone keeps them for good): one that forgot sooner would lose confirmations of orders the window
     * guard lets through, and the ERP would be called again. The outcomes topic keeping its records at least the
     * outcome index's window: kept shorter, the index would start, after a restart, without outcomes the topic has
     * deleted (a return would find no sale, a redelivered record no outcome).
     */
    static List<TopicCheck.Expect> topicsNeeded(ErpSyncProperties properties) {
        ErpSyncProperties.TopicNames topics = properties.topics();
        return List.of(
                new TopicCheck.Expect(topics.synced(), true, topics.minReplicationFactor())
                        .keepingAtLeast(properties.ledger().window()),
                new TopicCheck.Expect(topics.outcomes(), false, topics.minReplicationFactor())
                        .keepingAtLeast(properties.outcomeIndex().window()));
    }

    /** Outcomes already published for ERP: a redelivered record whose outcome exists gets no second one. */
    @Bean(destroyMethod = "close")
    OutcomeIndex erpOutcomeIndex(ErpSyncProperties properties, KafkaProperties kafka, SkippedRecords skippedRecords,
                                 MeterRegistry meters) {
        return OutcomeIndex.create(properties.topics().outcomes(), SyncTarget.ERP, kafka.buildConsumerProperties(),
                skippedRecords, meters, Window.last(properties.outcomeIndex().window()));
    }

    @Bean
    ErpSyncConsumer erpSyncConsumer(ErpSyncProperties properties, KafkaProperties kafka, SyncedLedger ledger,
                                    OutcomeIndex erpOutcomeIndex, ErpClient client, CircuitBreakerRegistry breakers,
                                    MeterRegistry meters, LoopWatch erpSyncLoopWatch) {
        CircuitBreaker breaker = breakers.circuitBreaker(BREAKER);
        ErpSyncMetrics metrics = new ErpSyncMetrics(meters);
        metrics.ledgerEntries(ledger::size);
        ErpSyncProperties.TopicNames topics = properties.topics();
        OutcomeRecords records = new OutcomeRecords("erp-sync-service", properties.consumer().groupId(),
                "com.mallsync.erpsync", topics.outcomes(), topics.deadLetter());
        OrderSync sync = new OrderSync(properties, client, ledger, erpOutcomeIndex, records, breaker, metrics,
                Clock.systemUTC());
        Supplier<KafkaConsumer<String, String>> consumers = () -> {
            Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumer().groupId());
            // Offsets are ours to commit, only up to the lowest unfinished record.
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // A new group must start at the beginning: "latest" would skip paid orders.
            props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // A SIGKILLed member's partitions wait for its session to expire before anyone reads them again.
            ErpSyncProperties.Consumer c = properties.consumer();
            GroupMembership.apply(props, c.sessionTimeout(), c.heartbeatInterval(), c.groupInstanceId());
            return MeteredKafkaConsumer.strings(props, meters);
        };
        ErpSyncProperties.Consumer c = properties.consumer();
        // Outcomes, dead letters and offsets in one transaction (OutcomeSink); the ledger keeps the template's
        // plain producer: its marks must be acknowledged before an ERP call, outside any transaction.
        Map<String, Object> producerConfig = OutcomeSink.producerConfig(kafka.buildProducerProperties(),
                OutcomeSink.transactionalId(c.groupId(), c.groupInstanceId()), c.transactionTimeout());
        Offsets offsets = new Offsets();
        OutcomeSink sink = new OutcomeSink(() -> new KafkaProducer<>(producerConfig), c.groupInstanceId() != null,
                offsets, meters, "erp.sync");
        return new ErpSyncConsumer(properties, consumers, ledger, erpOutcomeIndex, sync, breaker, metrics,
                erpSyncLoopWatch, offsets, sink);
    }

    /**
     * The DLT takes the broker's default partitions: dead letters are partitioned by key, not by source partition. It
     * keeps them {@link Retention#DEAD_LETTERS}, time for a person to look and replay.
     */
    private static void createIfMissing(Admin admin, String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Retention.DEAD_LETTERS.toMillis())))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating " + topic, e);
        }
    }
}
