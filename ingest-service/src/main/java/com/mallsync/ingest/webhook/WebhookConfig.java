package com.mallsync.ingest.webhook;

import java.time.Duration;

import com.mallsync.ingest.IngestProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link BodyDeadlineFilter} on the webhook path, for first dispatches only. */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

    @Bean
    FilterRegistrationBean<BodyDeadlineFilter> bodyDeadlineFilter(IngestProperties properties, WebhookMetrics metrics) {
        Duration deadline = properties.request().bodyDeadline();
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalStateException("ingest.request.body-deadline must be positive, not " + deadline);
        }
        int maxBody = (int) Math.min(Integer.MAX_VALUE - 16, properties.maxBody().toBytes());
        FilterRegistrationBean<BodyDeadlineFilter> registration =
                new FilterRegistrationBean<>(new BodyDeadlineFilter(maxBody, deadline, metrics));
        registration.addUrlPatterns(WebhookController.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
