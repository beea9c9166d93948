package com.mallsync.erpsync.health;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.health.ConsumerLoopHealth;
import com.mallsync.runtime.health.KafkaHealth;
import com.mallsync.runtime.health.ServiceHealth;

/** The poll loop's watch and the two health indicators of the readiness group (shared: runtime.health). */
@Configuration(proxyBeanMethods = false)
class ErpSyncHealth {

    /** Exit after {@code erp-sync.consumer.exit-after-failure}. */
    @Bean
    LoopWatch erpSyncLoopWatch(ErpSyncProperties properties, ApplicationContext context) {
        return ServiceHealth.loopWatch("erp-sync poll loop", properties.consumer().exitAfterFailure(), context);
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
