package com.mallsync.ingest.dedupe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The orders this instance accepted (or is accepting) since it started, at most {@code capacity} of them, oldest
 * forgotten first. A repeated push of a remembered order is answered "duplicate" without publishing again.
 *
 * <p>This is a cheap first line only: it covers one instance since its start. What makes a repeated push harmless
 * across instances and restarts is the deterministic {@code eventId} the consumers deduplicate on.
 *
 * <p>Each entry holds the publish in progress, so a repeat that arrives while the first push still waits for the
 * broker waits for the same outcome instead of publishing twice or answering "duplicate" for a push that then fails.
 */
public final class RecentOrders {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, CompletableFuture<Void>> entries;

    public RecentOrders(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Claims {@code key}: returns {@code null} when the caller now owns it (and must {@link #settle} it), or the
     * publish already recorded for it, finished or in progress.
     */
    public synchronized CompletableFuture<Void> claim(String key, CompletableFuture<Void> mine) {
        CompletableFuture<Void> existing = entries.get(key);
        if (existing != null && !existing.isCompletedExceptionally()) {
            return existing;
        }
        entries.put(key, mine);
        return null;
    }

    /** Records the owner's outcome; a failed publish is forgotten so the mall's retry publishes again. */
    public void settle(String key, CompletableFuture<Void> mine, Throwable failure) {
        if (failure == null) {
            mine.complete(null);
            synchronized (this) {
                // one shared completed future per remembered order instead of one each: ~40 bytes less per entry
                entries.replace(key, mine, DONE);
            }
            return;
        }
        synchronized (this) {
            entries.remove(key, mine);
        }
        mine.completeExceptionally(failure);
    }

    public synchronized int size() {
        return entries.size();
    }
}
