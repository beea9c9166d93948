package com.mallsync.membersync.batch;

import java.time.Clock;
import java.util.function.Supplier;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.crm.CrmClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.LoopWatch;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.kafka.core.KafkaTemplate;

/** Builds a {@link SyncLoop} and its parts, which stay package-private. */
public final class SyncLoops {

    private SyncLoops() {
    }

    public static SyncLoop create(Supplier<Consumer<String, String>> consumers, KafkaTemplate<String, String> kafka,
                                  CrmClient client, CircuitBreaker breaker, OutcomeIndex index, MeterRegistry meters,
                                  MemberSyncProperties props, Clock clock, LoopWatch watch) {
        MemberSyncMetrics metrics = new MemberSyncMetrics(meters);
        OutcomePublisher publisher = new OutcomePublisher(kafka, index, metrics, clock);
        BatchSender sender = new BatchSender(client, breaker, publisher, metrics, props.retry());
        return new SyncLoop(consumers, new OrderIntake(props.shops(), props.trigger(), clock), sender, publisher, index, breaker,
                metrics, props, watch);
    }
}
