package com.mallsync.ops;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code ops.*}). Kafka comes from {@code spring.kafka.bootstrap-servers}.
 *
 * @param services      name ({@code ingest}, {@code member-sync}, {@code erp-sync}) → where its actuator answers
 * @param overdueAfter  an order with no outcome for a target after this long is overdue (reconciliation)
 * @param stallAfter    committed offsets that have not moved for this long while there is lag: stuck
 * @param probeInterval how often lag, DLT sizes and the services are probed
 * @param probeTimeout  how long one HTTP probe of a service may take
 * @param problemsKept  how many latest REJECTED/FAILED outcomes the page lists
 */
@ConfigurationProperties("ops")
public record OpsProperties(
        Map<String, Service> services,
        @DefaultValue("5m") Duration overdueAfter,
        @DefaultValue("60s") Duration stallAfter,
        @DefaultValue("5s") Duration probeInterval,
        @DefaultValue("2s") Duration probeTimeout,
        @DefaultValue("50") int problemsKept) {

    public OpsProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /** @param url the service's base URL (its actuator lives under it) */
    public record Service(String url) {
    }

    public String urlOf(String service) {
        Service s = services.get(service);
        return s == null ? null : s.url();
    }
}
