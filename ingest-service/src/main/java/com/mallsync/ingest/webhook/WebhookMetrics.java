package com.mallsync.ingest.webhook;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mallsync.ingest.dedupe.Contradiction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The webhook's meters: {@code ingest.orders.accepted}, {@code .duplicate}, {@code .ignored},
 * {@code .rejected{reason}}, {@code .unavailable}, the timer {@code ingest.webhook.requests{outcome}}, and
 * {@code ingest.contradictions{kind,event}} (pushes that contradict what this instance saw of the order before).
 */
@Component
class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<Outcome.Kind, Counter> counters = new EnumMap<>(Outcome.Kind.class);
    private final Map<Outcome.Kind, Timer> timers = new EnumMap<>(Outcome.Kind.class);
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> contradictions = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
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

    void contradiction(Contradiction contradiction) {
        String kind = contradiction.kind().tag();
        String event = contradiction.fact().event().name();
        contradictions.computeIfAbsent(kind + "/" + event, k -> Counter.builder("ingest.contradictions")
                .tag("kind", kind).tag("event", event)
                .description("pushes contradicting what this instance saw of the order (nothing published for it)")
                .register(registry)).increment();
    }
}
