package com.mallsync.runtime.health;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

import com.mallsync.runtime.LoopWatch;

/** What both consumer services wire the same way: the poll loop's watch, tied to readiness and to the exit. */
public final class ServiceHealth {

    private ServiceHealth() {
    }

    /**
     * A loop that stops on its own: readiness REFUSING_TRAFFIC at once, exit status 1 after {@code exitAfter}
     * (Spring closed first, so the group is left in order).
     */
    public static LoopWatch loopWatch(String loopName, Duration exitAfter, ApplicationContext context) {
        return new LoopWatch(loopName, exitAfter,
                code -> System.exit(SpringApplication.exit(context, () -> code)),
                state -> {
                    if (state == LoopWatch.State.FAILED) {
                        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
                    }
                });
    }
}
