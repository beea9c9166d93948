package com.mallsync.ops;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.ops.ledger.OrderLedger;

@Configuration(proxyBeanMethods = false)
class ConsoleConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OrderLedger orderLedger(OpsProperties properties) {
        return new OrderLedger(properties.problemsKept());
    }
}
