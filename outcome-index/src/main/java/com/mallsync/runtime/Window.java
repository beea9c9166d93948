package com.mallsync.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * How far back an in-memory index reaches: the whole topic ({@link All}), or the records of the last
 * {@code length} by their timestamp ({@link Last}). A {@link TopicTail} with a window starts each partition at the
 * first record that new and passes older ones over; the index evicts what grows older than it ({@link #evict}).
 */
public sealed interface Window {

    /** The oldest record timestamp (epoch milliseconds) kept now; empty: everything is kept. */
    OptionalLong cutoff();

    /** Whether a record or entry of this time (epoch milliseconds) is within the window now. */
    default boolean keeps(long timestamp) {
        OptionalLong cutoff = cutoff();
        return cutoff.isEmpty() || timestamp >= cutoff.getAsLong();
    }

    /**
     * Removes the entries older than the window; safe on a {@code ConcurrentHashMap} that others write meanwhile
     * (an entry replaced since it was looked at is not removed).
     *
     * @return how many were removed
     */
    default <K, V> int evict(Map<K, V> entries, ToLongFunction<V> timeOf) {
        OptionalLong cutoff = cutoff();
        if (cutoff.isEmpty()) {
            return 0;
        }
        long oldest = cutoff.getAsLong();
        int[] removed = {0};
        entries.entrySet().removeIf(e -> {
            boolean old = timeOf.applyAsLong(e.getValue()) < oldest;
            if (old) {
                removed[0]++;
            }
            return old;
        });
        return removed[0];
    }

    /** The whole topic, nothing evicted. */
    static Window all() {
        return All.INSTANCE;
    }

    /** The last {@code length} on the system clock. */
    static Window last(Duration length) {
        return new Last(length, Clock.systemUTC());
    }

    /** The whole topic. */
    enum All implements Window {
        INSTANCE;

        @Override
        public OptionalLong cutoff() {
            return OptionalLong.empty();
        }

        @Override
        public String toString() {
            return "the whole topic";
        }
    }

    /** The records of the last {@code length} as {@code clock} tells the time. */
    record Last(Duration length, Clock clock) implements Window {
        public Last {
            if (length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a window needs a positive length, not " + length);
            }
        }

        @Override
        public OptionalLong cutoff() {
            return OptionalLong.of(clock.millis() - length.toMillis());
        }

        @Override
        public String toString() {
            return "the last " + length;
        }
    }
}
