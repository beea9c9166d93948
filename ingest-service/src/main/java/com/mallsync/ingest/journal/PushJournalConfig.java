package com.mallsync.ingest.journal;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.ingest.IngestProperties;

/** The push journal and the filter that fills it, on the webhook's path only. */
@Configuration(proxyBeanMethods = false)
class PushJournalConfig {

    /** The webhook's path (contract: ARCHITECTURE.md "Ingest HTTP contract"). */
    static final String WEBHOOK = "/webhooks/mall/orders";

    @Bean
    PushJournal pushJournal(IngestProperties properties) {
        return new PushJournal(properties.journal().maxPushes(), properties.journal().perOrder());
    }

    @Bean
    FilterRegistrationBean<PushJournalFilter> pushJournalFilter(PushJournal journal, IngestProperties properties) {
        FilterRegistrationBean<PushJournalFilter> registration = new FilterRegistrationBean<>(
                new PushJournalFilter(journal, WEBHOOK, properties.journal().bodyKept(), Clock.systemUTC()));
        registration.addUrlPatterns(WEBHOOK);
        return registration;
    }
}
