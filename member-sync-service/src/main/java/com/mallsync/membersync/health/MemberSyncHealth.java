package com.mallsync.membersync.health;

import java.time.Duration;
import java.util.HashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.health.ConsumerLoopHealth;
import com.mallsync.runtime.health.KafkaHealth;
import com.mallsync.runtime.health.ServiceHealth;

/** The poll loop's watch, the admin client, and the two health indicators of the readiness group (shared: runtime.health). */
@Configuration(proxyBeanMethods = false)
class MemberSyncHealth {

    /** Exit after {@code member-sync.consumer.exit-after-failure}. */
    @Bean
    LoopWatch memberSyncLoopWatch(MemberSyncProperties properties, ApplicationContext context) {
        return ServiceHealth.loopWatch("member-sync poll loop", properties.consumer().exitAfterFailure(), context);
    }

    /** One long-lived admin client: the topic check at start and the {@code kafka} health probe. */
    @Bean(destroyMethod = "close")
    Admin memberSyncAdmin(KafkaProperties kafka) {
        var config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "member-sync-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        return Admin.create(config);
    }

    @Bean("consumerLoop")
    ConsumerLoopHealth consumerLoopHealth(LoopWatch memberSyncLoopWatch) {
        return new ConsumerLoopHealth(memberSyncLoopWatch);
    }

    @Bean("kafka")
    KafkaHealth kafkaHealth(Admin memberSyncAdmin) {
        return new KafkaHealth(memberSyncAdmin);
    }
}
