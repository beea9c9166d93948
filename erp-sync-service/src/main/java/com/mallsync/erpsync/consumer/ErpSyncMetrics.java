package com.mallsync.erpsync.consumer;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.mallsync.erpsync.client.ErpReply;
import com.mallsync.erpsync.config.ErpSyncProperties;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;

/**
 * The service's Micrometer meters: {@code erp.sync.calls} (timer, tag {@code result}), {@code erp.sync.outcomes}
 * (counter, tags {@code status} and {@code event}), {@code erp.sync.redelivered.skipped} (counter, tag {@code status} of the outcome
 * already published), gauges {@code erp.sync.in.flight}, {@code erp.sync.buffered},
 * {@code erp.sync.paused} (2 while the open breaker pauses fetching, 1 while back-pressure does, as member-sync's), {@code erp.sync.breaker.state}
 * (0 closed, 1 open, 2 half-open, 3 other) and {@code erp.sync.ledger.entries}; counter
 * {@code erp.sync.outside.ledger.window} (tag {@code event}).
 */
class ErpSyncMetrics {

    private final MeterRegistry registry;

    ErpSyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(ErpReply reply, long nanos) {
        String result;
        if (reply instanceof ErpReply.Accepted) {
            result = "accepted";
        } else if (reply instanceof ErpReply.AlreadyThere) {
            result = "already_there";
        } else if (reply instanceof ErpReply.Refused r) {
            result = r.retryable() ? "refused_retryable" : "refused";
        } else {
            result = "unavailable";
        }
        Timer.builder("erp.sync.calls").description("TradeTransferToErp calls by result")
                .tag("result", result).publishPercentileHistogram().register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param event the event decided ({@code UNKNOWN} for a record that is no readable event) */
    void outcome(OrderEvent event, SyncStatus status) {
        Counter.builder("erp.sync.outcomes").description("order events decided, by status and event")
                .tag("status", status.name()).tag("event", event == null ? "UNKNOWN" : event.name())
                .register(registry).increment();
    }

    /** A redelivered record skipped because its order's outcome ({@code status}) is already published. */
    void skipped(SyncStatus status) {
        Counter.builder("erp.sync.redelivered.skipped")
                .description("records skipped because their order's outcome is already published")
                .tag("status", status == null ? "UNKNOWN" : status.name()).register(registry).increment();
    }

    /** An order found in doubt ({@code cause} = {@code timeout} or {@code restart}) and what the policy did. */
    void inDoubt(String cause, ErpSyncProperties.InDoubtPolicy policy) {
        Counter.builder("erp.sync.in.doubt")
                .description("orders the ERP may have created without saying so, by cause and policy")
                .tag("cause", cause).tag("policy", policy.name().toLowerCase()).register(registry).increment();
    }

    /** An event refused because its order was paid before the ledger's window (REJECTED, never sent). */
    void outsideLedgerWindow(OrderEvent event) {
        Counter.builder("erp.sync.outside.ledger.window")
                .description("events not sent because their order was paid before the ledger's window")
                .tag("event", event == null ? "UNKNOWN" : event.name()).register(registry).increment();
    }

    /** Orders the synced ledger remembers now (within its window). */
    void ledgerEntries(Supplier<Number> entries) {
        Gauge.builder("erp.sync.ledger.entries", entries)
                .description("orders and returns the synced ledger remembers (within its window)").register(registry);
    }

    void gauges(Supplier<Number> inFlight, Supplier<Number> buffered, Supplier<Number> paused, CircuitBreaker breaker) {
        Gauge.builder("erp.sync.in.flight", inFlight).description("ERP calls in progress").register(registry);
        Gauge.builder("erp.sync.buffered", buffered).description("records fetched and not finished").register(registry);
        Gauge.builder("erp.sync.paused", paused).description("2 while the open breaker pauses fetching, 1 while back-pressure does, 0 fetching")
                .register(registry);
        Gauge.builder("erp.sync.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        }).description("0 closed, 1 open, 2 half-open, 3 other").register(registry);
    }
}
