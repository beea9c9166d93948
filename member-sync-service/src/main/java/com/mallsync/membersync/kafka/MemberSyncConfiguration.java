package com.mallsync.membersync.kafka;

import java.time.Clock;
import java.util.Properties;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.batch.SyncLoops;
import com.mallsync.membersync.batch.SyncLoop;
import com.mallsync.membersync.crm.CrmClient;
import com.mallsync.model.Topics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The one place that wires Kafka and the CRM. No listener container and no DefaultErrorHandler on purpose: the
 * 2030 batcher owns its poll loop, retries and dead-lettering (see {@link SyncLoop}), because batches linger
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
        return new CrmClient(crm.baseUrl(), crm.appId(), crm.token(), crm.connectTimeout(), crm.requestTimeout(), clock);
    }

    @Bean
    SyncLoop syncLoop(ConsumerFactory<String, String> consumerFactory, KafkaTemplate<String, String> kafka,
                      CrmClient client, CircuitBreaker crmCircuitBreaker, MeterRegistry meters,
                      MemberSyncProperties props, Clock clock) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(props.consumer().maxPollRecords()));
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return SyncLoops.create(
                () -> consumerFactory.createConsumer(Topics.MEMBER_SYNC_GROUP, "member-sync", null, overrides),
                kafka, client, crmCircuitBreaker, meters, props, clock);
    }
}
