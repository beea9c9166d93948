package com.mallsync.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by setting {@link #now} (UTC), for windows and evictions judged against a clock. Starts at
 * 2026-12-02T09:00:00Z. Not for threads racing the test: set it between steps.
 */
public final class MovingClock extends Clock {

    /** What {@link #instant()} answers; the test moves it. */
    public volatile Instant now = Instant.parse("2026-12-02T09:00:00Z");

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
