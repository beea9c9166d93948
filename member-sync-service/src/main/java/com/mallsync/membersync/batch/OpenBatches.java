package com.mallsync.membersync.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

/**
 * The batches being filled, one per ShopCode (a 2030 request carries one shop's orders). A batch is due once it holds
 * {@code max-size} orders (2030 takes at most 100 rows a request) or once it has lingered long enough; a due batch is
 * taken out, so the shop's next order opens a new one. Time is {@link System#nanoTime}, passed in.
 * Used by the poll-loop thread only.
 */
final class OpenBatches {

    private final int maxSize;
    private final long lingerNanos;
    private final Map<String, Batch> open = new LinkedHashMap<>();

    OpenBatches(int maxSize, Duration linger) {
        this.maxSize = maxSize;
        this.lingerNanos = linger.toNanos();
    }

    /** Adds a decided upload to its shop's batch; returns that batch, taken out, when it is now full. */
    Optional<Batch> add(PendingOrder upload, long nowNanos) {
        Batch batch = open.computeIfAbsent(upload.crm().shopCode(), shop -> new Batch(shop, nowNanos));
        batch.add(upload);
        if (batch.size() < maxSize) {
            return Optional.empty();
        }
        open.remove(batch.shopCode);
        return Optional.of(batch);
    }

    /** Takes out the batches that have lingered long enough ({@code all}: every batch, for a stop). */
    List<Batch> takeDue(long nowNanos, boolean all) {
        List<Batch> due = new ArrayList<>();
        for (Iterator<Batch> it = open.values().iterator(); it.hasNext(); ) {
            Batch batch = it.next();
            if (all || nowNanos - batch.openedNanos >= lingerNanos) {
                it.remove();
                due.add(batch);
            }
        }
        return due;
    }

    /** How long the loop may wait in poll before the oldest batch is due: at most {@code max}, zero when overdue. */
    Duration untilDue(long nowNanos, Duration max) {
        if (open.isEmpty()) {
            return max;
        }
        long oldest = open.values().stream().mapToLong(b -> b.openedNanos).min().orElse(nowNanos);
        long left = lingerNanos - (nowNanos - oldest);
        return Duration.ofNanos(Math.max(0, Math.min(max.toNanos(), left)));
    }

    /** Takes the revoked partitions' orders out of the batches (the new owner reads them again): how many each. */
    Map<TopicPartition, Integer> drop(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Integer> dropped = new HashMap<>();
        open.values().forEach(b -> b.removeIf(o -> {
            boolean drop = partitions.contains(o.offsets.partition());
            if (drop) {
                dropped.merge(o.offsets.partition(), 1, Integer::sum);
            }
            return drop;
        }));
        return dropped;
    }
}
