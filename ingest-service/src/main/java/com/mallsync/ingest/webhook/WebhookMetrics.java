package com.mallsync.ingest.webhook;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The webhook's meters: {@code ingest.orders.accepted}, {@code .duplicate}, {@code .ignored},
 * {@code .rejected{reason}}, {@code .unavailable}, and the timer {@code ingest.webhook.requests{outcome}}.
 */
@Component
class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<Outcome.Kind, Counter> counters = new EnumMap<>(Outcome.Kind.class);
    private final Map<Outcome.Kind, Timer> timers = new EnumMap<>(Outcome.Kind.class);
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            if (kind != Outcome.Kind.REJECTED) {
                counters.put(kind, Counter.builder("ingest.orders." + name)
                        .description("pushes answered " + name).register(registry));
            }
            timers.put(kind, Timer.builder("ingest.webhook.requests").tag("outcome", name)
                    .description("time from request to reply").publishPercentileHistogram().register(registry));
        }
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void record(Timer.Sample sample, Outcome outcome) {
        sample.stop(timers.get(outcome.kind()));
        if (outcome.kind() == Outcome.Kind.REJECTED) {
            rejected.computeIfAbsent(outcome.reason(), reason -> Counter.builder("ingest.orders.rejected")
                    .tag("reason", reason).description("pushes refused, by reason").register(registry)).increment();
        } else {
            counters.get(outcome.kind()).increment();
        }
    }
}
