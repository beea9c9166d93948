package com.mallsync.erpsync.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mallsync.runtime.Offsets;

class KeyedSchedulerTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final Offsets offsets = new Offsets();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void runsDifferentKeysOfOnePartitionInParallelAndOneKeyInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        KeyedScheduler scheduler = new KeyedScheduler(4, 0, pool, work -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.computeIfAbsent(work.key, k -> new CopyOnWriteArrayList<>()).add(work.record.offset());
            running.decrementAndGet();
        });
        for (long offset = 0; offset < 12; offset++) {
            scheduler.offer(work(new ConsumerRecord<>("t", 0, offset, "k" + (offset % 3), "v")));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);
        assertThat(scheduler.inFlight()).as("one per key: three keys").isEqualTo(3);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.buffered() == 0);

        assertThat(maxRunning.get()).isEqualTo(3);
        assertThat(seen.get("k0")).containsExactly(0L, 3L, 6L, 9L);
        assertThat(seen.get("k1")).containsExactly(1L, 4L, 7L, 10L);
    }

    @Test
    void aPerPartitionLimitOfOneIsTheClassicConsumer() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        KeyedScheduler scheduler = new KeyedScheduler(8, 1, pool, work -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        });
        for (long offset = 0; offset < 20; offset++) {
            scheduler.offer(work(new ConsumerRecord<>("t", 0, offset, "k" + offset, "v")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.buffered() == 0);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    private Work work(ConsumerRecord<String, String> record) {
        return new Work(record, offsets.read(record));
    }
}
