package com.mallsync.ops.web;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.ops.OpsProperties;
import com.mallsync.ops.Pipeline;
import com.mallsync.ops.lag.LagDiagnosis;
import com.mallsync.ops.lag.LagProbe;
import com.mallsync.ops.lag.Snapshot;
import com.mallsync.ops.ledger.OrderLedger;

/**
 * What an alert can watch ({@code /actuator/prometheus}): overdue orders and events per target and orders awaiting
 * confirmation (reconciliation), lag and its diagnosis per group, DLT sizes, services up and breakers open,
 * outcomes by target and status.
 */
@Component
@Profile("!replay-dlt")
class ConsoleMetrics implements MeterBinder {

    private final OrderLedger ledger;
    private final LagProbe lag;
    private final OpsProperties properties;
    private final Clock clock;

    ConsoleMetrics(OrderLedger ledger, LagProbe lag, OpsProperties properties, Clock clock) {
        this.ledger = ledger;
        this.lag = lag;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SyncTarget target : SyncTarget.values()) {
            Gauge.builder("ops.overdue.orders", () -> overdue(target).map(OrderLedger.Overdue::key).distinct().count())
                    .description("orders with an event on orders.paid.v1 that has no outcome for the target after "
                            + "ops.overdue-after")
                    .tag("target", target.name()).register(registry);
            Gauge.builder("ops.overdue.events", () -> overdue(target).count())
                    .description("events on orders.paid.v1 with no outcome for the target after ops.overdue-after")
                    .tag("target", target.name()).register(registry);
            for (SyncStatus status : SyncStatus.values()) {
                FunctionCounter.builder("ops.outcomes", ledger, l -> l.total(target, status))
                        .description("outcome records read from orders.outcomes.v1 since the console started "
                                + "(from the first record of its window, ops.window)")
                        .tag("target", target.name()).tag("status", status.name()).register(registry);
            }
        }
        Gauge.builder("ops.awaiting.confirmation.orders", ledger::awaitingCount)
                .description("paid orders whose sale waits for the buyer's confirmation before it goes to the CRM "
                        + "(its PAID outcome there SKIPPED, not confirmed nor cancelled yet): not late")
                .register(registry);
        for (Pipeline pipeline : Pipeline.values()) {
            Gauge.builder("ops.consumer.lag", () -> group(pipeline).map(Snapshot.GroupLag::lag).orElse(-1L))
                    .description("total lag of the group on orders.paid.v1 (-1: unknown)")
                    .tag("group", pipeline.group()).register(registry);
            for (LagDiagnosis.State state : LagDiagnosis.State.values()) {
                Gauge.builder("ops.lag.state", () -> group(pipeline)
                                .map(g -> g.diagnosis().state() == state ? 1 : 0).orElse(0))
                        .description("1 for the group's current lag diagnosis")
                        .tag("group", pipeline.group()).tag("state", state.name()).register(registry);
            }
            Gauge.builder("ops.dlt.records", () -> lag.latest().dlts().stream()
                            .filter(d -> d.topic().equals(pipeline.dlt())).mapToLong(Snapshot.DltSize::records)
                            .findFirst().orElse(-1))
                    .description("records in the DLT (-1: unknown)").tag("topic", pipeline.dlt()).register(registry);
        }
        for (String service : properties.services().urls().keySet()) {
            Gauge.builder("ops.service.up", () -> {
                var status = lag.latest().services().get(service);
                return status != null && status.reachable() ? 1 : 0;
            }).description("1 when the service's actuator answers").tag("service", service).register(registry);
            Gauge.builder("ops.breaker.open", () -> {
                var status = lag.latest().services().get(service);
                return status == null ? 0 : status.breakers().values().stream()
                        .filter(s -> s.equals("OPEN") || s.equals("FORCED_OPEN") || s.equals("HALF_OPEN")).count();
            }).description("breakers of the service that are not closed").tag("service", service).register(registry);
        }
    }

    private Stream<OrderLedger.Overdue> overdue(SyncTarget target) {
        return ledger.overdue(clock.instant(), properties.overdueAfter()).stream().filter(o -> o.target() == target);
    }

    private Optional<Snapshot.GroupLag> group(Pipeline pipeline) {
        return lag.latest().groups().stream().filter(g -> g.group().equals(pipeline.group())).findFirst();
    }
}
