package com.mallsync.erpsync.health;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.runtime.LoopWatch;

/** The poll loop's watch and the two health indicators of the readiness group. */
@Configuration(proxyBeanMethods = false)
class HealthWiring {

    /**
     * A loop that stops on its own: readiness REFUSING_TRAFFIC now, exit status 1 after
     * {@code erp-sync.consumer.exit-after-failure} (Spring closed first, so the group is left in order).
     */
    @Bean
    LoopWatch erpSyncLoopWatch(ErpSyncProperties properties, ApplicationContext context) {
        return new LoopWatch("erp-sync poll loop", properties.consumer().exitAfterFailure(),
                code -> System.exit(SpringApplication.exit(context, () -> code)),
                state -> {
                    if (state == LoopWatch.State.FAILED) {
                        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
                    }
                });
    }

    @Bean("consumerLoop")
    ConsumerLoopHealth consumerLoopHealth(LoopWatch erpSyncLoopWatch) {
        return new ConsumerLoopHealth(erpSyncLoopWatch);
    }

    @Bean("kafka")
    KafkaHealth kafkaHealth(Admin erpSyncAdmin) {
        return new KafkaHealth(erpSyncAdmin);
    }
}
