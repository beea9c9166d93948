package com.mallsync.ingest.journal;

import java.time.Clock;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mallsync.ingest.IngestProperties;
import com.mallsync.ingest.webhook.WebhookController;

/** The push journal and the filter that fills it, on the webhook's path only. */
@Configuration(proxyBeanMethods = false)
class PushJournalConfig {

    /** The webhook's path (contract: ARCHITECTURE.md "Ingest HTTP contract"). */
    static final String WEBHOOK = WebhookController.PATH;

    @Bean
    PushJournal pushJournal(IngestProperties properties) {
        return new PushJournal(properties.journal().maxPushes(), properties.journal().perOrder());
    }

    @Bean
    FilterRegistrationBean<PushJournalFilter> pushJournalFilter(PushJournal journal, IngestProperties properties) {
        FilterRegistrationBean<PushJournalFilter> registration = new FilterRegistrationBean<>(
                new PushJournalFilter(journal, WEBHOOK, properties.journal().bodyKept(), Clock.systemUTC()));
        registration.addUrlPatterns(WEBHOOK);
        // async-capable and on the ASYNC dispatch too: the webhook's body is read without a thread (see the filter)
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }
}
