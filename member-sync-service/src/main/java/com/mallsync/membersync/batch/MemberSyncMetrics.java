package com.mallsync.membersync.batch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.mallsync.model.event.SyncStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The service's own meters (the breaker's come from resilience4j's Micrometer binding). */
final class MemberSyncMetrics {

    final AtomicInteger pending = new AtomicInteger();
    /** Events read and waiting behind an earlier, undecided event of their order (part of {@link #pending}). */
    final AtomicInteger waiting = new AtomicInteger();
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer batchLatency;

    MemberSyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("member_sync.batch.size")
                .description("orders per 2030 request sent").register(registry);
        this.batchLatency = Timer.builder("member_sync.batch.latency")
                .description("from a batch's dispatch to every outcome of it decided (published at the next commit)").register(registry);
        registry.gauge("member_sync.pending", pending);
        registry.gauge("member_sync.waiting", waiting);
    }

    /** The poll loop's {@code paused} gauge ({@code PollLoop#paused}: 2 for the breaker, 1 for back-pressure). */
    void paused(Supplier<Number> paused) {
        Gauge.builder("member_sync.consumer.paused", paused)
                .description("2 while the open breaker pauses fetching, 1 while back-pressure does, 0 fetching")
                .register(registry);
    }

    void requestSent(int orders) {
        batchSize.record(orders);
    }

    void request(String result, Duration took) {
        Timer.builder("member_sync.crm.requests").description("2030 calls by result").tag("result", result)
                .register(registry).record(took);
    }

    void batchDone(Duration took) {
        batchLatency.record(took);
    }

    /** A record skipped because its order's outcome ({@code status}) is already published. */
    void skipped(SyncStatus status) {
        Counter.builder("member_sync.redelivered.skipped")
                .description("records skipped because their order's outcome is already published")
                .tag("status", status == null ? "UNKNOWN" : status.name()).register(registry).increment();
    }

    void outcome(SyncStatus status) {
        Counter.builder("member_sync.outcomes").description("outcomes published, by status")
                .tag("status", status.name()).register(registry).increment();
    }
}
