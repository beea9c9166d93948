package com.mallsync.ops;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.ops.lag.LagHistory;
import com.mallsync.ops.ledger.OrderLedger;
import com.mallsync.ops.story.OrderStories;
import com.mallsync.runtime.Window;

@Configuration(proxyBeanMethods = false)
class ConsoleConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OrderLedger orderLedger(OpsProperties properties, Clock clock) {
        return new OrderLedger(properties.problemsKept(), new Window.Last(properties.window(), clock));
    }

    @Bean
    OrderStories orderStories(OpsProperties properties) {
        return new OrderStories(properties.stories().orders(), properties.stories().stepsPerOrder());
    }

    @Bean
    LagHistory lagHistory(OpsProperties properties) {
        return new LagHistory(properties.lagHistory(), properties.probeInterval());
    }
}
