package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class LoopWatchTest {

    private final List<LoopWatch.State> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger exitStatus = new AtomicInteger(-1);

    private LoopWatch watch(Duration exitAfter) {
        return new LoopWatch("test loop", exitAfter, exitStatus::set, seen::add);
    }

    @Test
    void aLoopThatFailsTurnsReadinessDownAtOnceAndExitsWithStatusOneAfterTheDelay() {
        LoopWatch watch = watch(Duration.ofMillis(300));
        watch.running();
        assertThat(watch.healthy()).isTrue();
        long start = System.nanoTime();
        watch.failed(new IllegalStateException("fenced"));

        assertThat(watch.healthy()).isFalse();
        assertThat(watch.state()).isEqualTo(LoopWatch.State.FAILED);
        assertThat(watch.cause()).get().hasToString("java.lang.IllegalStateException: fenced");
        assertThat(seen).containsExactly(LoopWatch.State.RUNNING, LoopWatch.State.FAILED);
        assertThat(exitStatus.get()).as("not before the delay").isEqualTo(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> exitStatus.get() == LoopWatch.EXIT_STATUS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anOrderlyStopNeitherTurnsReadinessDownForAFailureNorExits() throws InterruptedException {
        LoopWatch watch = watch(Duration.ofMillis(50));
        watch.running();
        watch.stopped();
        Thread.sleep(200);
        assertThat(watch.state()).isEqualTo(LoopWatch.State.STOPPED);
        assertThat(watch.cause()).isEmpty();
        assertThat(exitStatus.get()).isEqualTo(-1);
    }

    @Test
    void aNegativeDelayNeverExitsAndAFailureStaysAFailure() throws InterruptedException {
        LoopWatch watch = watch(Duration.ofSeconds(-1));
        watch.failed(new RuntimeException("one"));
        watch.failed(new RuntimeException("two"));
        watch.running();
        Thread.sleep(200);
        assertThat(watch.state()).isEqualTo(LoopWatch.State.FAILED);
        assertThat(watch.cause()).get().hasToString("java.lang.RuntimeException: one");
        assertThat(seen).containsExactly(LoopWatch.State.FAILED);
        assertThat(exitStatus.get()).isEqualTo(-1);
    }
}
