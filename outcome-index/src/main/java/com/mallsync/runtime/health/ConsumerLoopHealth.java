package com.mallsync.runtime.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import com.mallsync.runtime.LoopWatch;

/**
 * {@code consumerLoop}: UP while the poll loop starts or runs, OUT_OF_SERVICE once it stopped in order, DOWN (with
 * the cause) when it stopped on its own.
 */
public final class ConsumerLoopHealth implements HealthIndicator {

    private final LoopWatch watch;

    public ConsumerLoopHealth(LoopWatch watch) {
        this.watch = watch;
    }

    @Override
    public Health health() {
        Health.Builder health = switch (watch.state()) {
            case STARTING, RUNNING -> Health.up();
            case STOPPED -> Health.outOfService();
            case FAILED -> Health.down();
        };
        health.withDetail("loop", watch.name()).withDetail("state", watch.state().name());
        watch.cause().ifPresent(c -> health.withDetail("cause", c.toString()));
        return health.build();
    }
}
