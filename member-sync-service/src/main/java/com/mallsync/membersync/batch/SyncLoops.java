package com.mallsync.membersync.batch;

import java.time.Clock;
import java.util.function.Supplier;

import com.mallsync.membersync.MemberSyncProperties;
import com.mallsync.membersync.crm.CrmClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import com.mallsync.outcomes.OutcomeIndex;
import com.mallsync.runtime.LoopWatch;
import com.mallsync.runtime.Offsets;
import com.mallsync.runtime.OutcomeSink;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/** Builds a {@link SyncLoop} and its parts, which stay package-private. */
public final class SyncLoops {

    private SyncLoops() {
    }

    /**
     * @param producers transactional producers for the {@link OutcomeSink} ({@link OutcomeSink#producerConfig})
     * @param stableId  whether their {@code transactional.id} is stable across restarts (a group instance id)
     */
    public static SyncLoop create(Supplier<Consumer<String, String>> consumers,
                                  Supplier<Producer<String, String>> producers, boolean stableId,
                                  CrmClient client, CircuitBreaker breaker, OutcomeIndex index, MeterRegistry meters,
                                  MemberSyncProperties props, Clock clock, LoopWatch watch) {
        MemberSyncMetrics metrics = new MemberSyncMetrics(meters);
        Offsets offsets = new Offsets();
        OutcomeSink sink = new OutcomeSink(producers, stableId, offsets, meters, "member_sync");
        FinishedOrders finished = new FinishedOrders();
        OutcomePublisher publisher = new OutcomePublisher(index, metrics, clock, finished);
        BatchSender sender = new BatchSender(client, breaker, publisher, metrics, props.retry());
        return new SyncLoop(consumers, new OrderIntake(props.shops(), props.trigger(), clock), sender, publisher,
                finished, offsets, sink, index, breaker, metrics, props, watch);
    }
}
