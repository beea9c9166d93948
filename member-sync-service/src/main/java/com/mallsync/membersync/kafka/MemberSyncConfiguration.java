package com.mallsync.membersync.kafka;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.batch.SyncLoops;
import com.mallsync.membersync.batch.SyncLoop;
import com.mallsync.membersync.crm.CrmClient;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.outcomes.MeteredKafkaConsumer;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.GroupMembership;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.OutcomeSink;
import com.mallsync.runtime.SkippedRecords;
import com.mallsync.runtime.TopicCheck;
import com.mallsync.runtime.Window;
import io.micrometer.core.instrument.FunctionCounter;
import org.apache.kafka.clients.admin.Admin;
import java.time.Duration;
import java.util.List;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The one place that wires Kafka and the CRM. No listener container and no DefaultErrorHandler on purpose: the
 * 2030 batcher ({@link SyncLoop}, the dispatcher of the runtime's shared {@code PollLoop}) owns its retries and
 * dead-lettering, because batches linger
 * across polls and {@code @RetryableTopic} does not work with batches.
 */
@Configuration(proxyBeanMethods = false)
class MemberSyncConfiguration {

    /** The breaker's name: {@code resilience4j.circuitbreaker.instances.crm.*}. */
    static final String BREAKER = "crm";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CircuitBreaker crmCircuitBreaker(CircuitBreakerRegistry registry) {
        // From the registry, so resilience4j's Micrometer binding publishes its state and calls.
        return registry.circuitBreaker(BREAKER);
    }

    @Bean
    CrmClient crmClient(MemberSyncProperties props, Clock clock) {
        MemberSyncProperties.Crm crm = props.crm();
        return new CrmClient(crm.baseUrl(), crm.appId(), crm.token(), crm.connectTimeout(), crm.requestTimeout(),
                crm.maxReplySize().toBytes(), clock);
    }

    /** Outcomes already published for CRM_2030: a redelivered record whose outcome exists gets no second one. */
    @Bean(destroyMethod = "close")
    OutcomeIndex crmOutcomeIndex(MemberSyncProperties properties, KafkaProperties kafka, MeterRegistry meters) {
        // Unreadable outcome records: skipped, logged with their offset, counted.
        SkippedRecords skipped = new SkippedRecords();
        FunctionCounter.builder(SkippedRecords.METER, skipped, s -> s.count(Topics.ORDERS_OUTCOMES))
                .tag("topic", Topics.ORDERS_OUTCOMES).description("unreadable records skipped by a topic tail")
                .register(meters);
        return OutcomeIndex.create(Topics.ORDERS_OUTCOMES, SyncTarget.CRM_2030, kafka.buildConsumerProperties(),
                skipped, meters, Window.last(properties.outcomeIndex().window()));
    }

    /**
     * What member-sync needs of its topics: the outcomes topic exists, is replicated enough, and keeps its records
     * at least as long as the outcome index remembers them ({@code member-sync.outcome-index.window}). Kept shorter,
     * the index would start, after a restart, without the outcomes the topic has already deleted: a return whose
     * sale's outcome is gone would find no sale, and a redelivered record no outcome.
     */
    static List<TopicCheck.Expect> topicsNeeded(MemberSyncProperties props) {
        return List.of(new TopicCheck.Expect(Topics.ORDERS_OUTCOMES, false, props.topics().minReplicationFactor())
                .keepingAtLeast(props.outcomeIndex().window()));
    }

    @Bean
    SyncLoop syncLoop(ConsumerFactory<String, String> consumerFactory, KafkaTemplate<String, String> kafka,
                      CrmClient client, CircuitBreaker crmCircuitBreaker, OutcomeIndex crmOutcomeIndex,
                      MeterRegistry meters, MemberSyncProperties props, Clock clock, Admin memberSyncAdmin,
                      LoopWatch memberSyncLoopWatch) {
        // Refuse to start rather than publish outcomes nobody can rely on.
        TopicCheck.require(memberSyncAdmin, topicsNeeded(props), Duration.ofSeconds(30), "member-sync");
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(props.consumer().maxPollRecords()));
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        MemberSyncProperties.Consumer c = props.consumer();
        // Boot's consumer settings plus the overrides, as consumerFactory.createConsumer(group, "member-sync", ...)
        // would make them; built as a MeteredKafkaConsumer because the loop closes it with close(Duration), which
        // the factory's Micrometer listener never hears of (its meters would outlive it).
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        overrides.forEach((k, v) -> config.put(String.valueOf(k), v));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, Topics.MEMBER_SYNC_GROUP);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "member-sync");
        // A SIGKILLed member's partitions wait for its session to expire before anyone reads them again.
        GroupMembership.apply(config, c.sessionTimeout(), c.heartbeatInterval(), c.groupInstanceId());
        // Outcomes, dead letters and offsets in one transaction (OutcomeSink), on Boot's producer settings.
        Map<String, Object> producerConfig = OutcomeSink.producerConfig(
                kafka.getProducerFactory().getConfigurationProperties(),
                OutcomeSink.transactionalId(Topics.MEMBER_SYNC_GROUP, c.groupInstanceId()), c.transactionTimeout());
        return SyncLoops.create(() -> MeteredKafkaConsumer.strings(config, meters),
                () -> new KafkaProducer<>(producerConfig), c.groupInstanceId() != null, client, crmCircuitBreaker, crmOutcomeIndex, meters, props, clock, memberSyncLoopWatch);
    }
}
