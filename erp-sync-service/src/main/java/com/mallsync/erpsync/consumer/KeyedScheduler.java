package com.mallsync.erpsync.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;

/**
 * Starts fetched records on a worker pool: at most {@code maxInFlight} at once (and at most
 * {@code maxPerPartition} per partition when that is set), never two of the same order key at once, and records of
 * one key in fetch order. Different orders of one partition run in parallel: throughput is maxInFlight ÷ latency,
 * not partitions ÷ latency.
 */
final class KeyedScheduler {

    private final int maxInFlight;
    private final int maxPerPartition;
    private final ExecutorService workers;
    private final Consumer<Work> task;
    private final LinkedList<Work> pending = new LinkedList<>();
    private final Set<String> activeKeys = new HashSet<>();
    private final Map<TopicPartition, Integer> activePerPartition = new HashMap<>();
    private final List<Work> active = new ArrayList<>();

    /**
     * @param task runs one record to its end on a worker; must not throw
     */
    KeyedScheduler(int maxInFlight, int maxPerPartition, ExecutorService workers, Consumer<Work> task) {
        this.maxInFlight = maxInFlight;
        this.maxPerPartition = maxPerPartition;
        this.workers = workers;
        this.task = task;
    }

    synchronized void offer(Work work) {
        pending.add(work);
        dispatch();
    }

    private void finished(Work work) {
        synchronized (this) {
            active.remove(work);
            activeKeys.remove(work.key);
            activePerPartition.merge(work.partition, -1, Integer::sum);
            dispatch();
            notifyAll();
        }
    }

    private void dispatch() {
        Set<String> blocked = new HashSet<>();
        for (Iterator<Work> it = pending.iterator(); it.hasNext() && active.size() < maxInFlight; ) {
            Work work = it.next();
            if (activeKeys.contains(work.key) || blocked.contains(work.key)) {
                blocked.add(work.key);
                continue;
            }
            if (maxPerPartition > 0 && activePerPartition.getOrDefault(work.partition, 0) >= maxPerPartition) {
                blocked.add(work.key);
                continue;
            }
            it.remove();
            active.add(work);
            activeKeys.add(work.key);
            activePerPartition.merge(work.partition, 1, Integer::sum);
            workers.execute(() -> {
                try {
                    task.accept(work);
                } finally {
                    finished(work);
                }
            });
        }
    }

    synchronized int inFlight() {
        return active.size();
    }

    synchronized int buffered() {
        return pending.size() + active.size();
    }

    /**
     * Drops the not-yet-started records of these partitions, cancels their running ones (a call in progress
     * finishes; a wait for the breaker or a backoff ends) and waits up to {@code millis} for those to end.
     *
     * @return whether every running record of these partitions ended in time
     */
    boolean release(Set<TopicPartition> partitions, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (this) {
            pending.removeIf(w -> partitions.contains(w.partition));
            active.stream().filter(w -> partitions.contains(w.partition)).forEach(Work::cancel);
            try {
                while (active.stream().anyMatch(w -> partitions.contains(w.partition))) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return false;
                    }
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
