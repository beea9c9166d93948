package com.mallsync.ingest.dedupe;

import com.mallsync.ingest.IngestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DedupeConfig {

    @Bean
    RecentOrders recentOrders(IngestProperties properties) {
        return new RecentOrders(properties.dedupe().capacity());
    }
}
