package com.mallsync.ingest.signature;

import java.time.Clock;
import java.time.Duration;

import com.mallsync.model.mall.HmacSha256Signature;
import com.mallsync.model.mall.SortedMd5Signature;

/**
 * {@code hmac-sha256} ({@link HmacSha256Signature}): the signature header must be the HMAC of the timestamp header
 * and the raw body, and the timestamp within {@code tolerance} of this server's clock, in the past or the future.
 * A captured push replayed later than that is refused; one replayed inside the window is the same order with the
 * same {@code eventId}, so it is answered "duplicate" and nothing new is published.
 */
final class HmacSha256Scheme implements SignatureScheme {

    private static final String DECOY_SECRET = "decoy-secret-for-equal-timing";

    private final Duration tolerance;
    private final Clock clock;

    HmacSha256Scheme(Duration tolerance, Clock clock) {
        this.tolerance = tolerance;
        this.clock = clock;
    }

    @Override
    public Verdict verify(SignedPush push, String secret) {
        boolean usable = secret != null && !secret.isEmpty();
        String timestamp = push.timestamp() == null ? "" : push.timestamp().trim();
        String expected = HmacSha256Signature.sign(timestamp, push.body(), usable ? secret : DECOY_SECRET);
        if (!usable || !timestamp.matches("\\d{1,12}") || push.signature() == null
                || !SortedMd5Signature.matches(push.signature(), expected)) {
            return Verdict.BAD_SIGNATURE;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        return skew <= tolerance.toSeconds() ? Verdict.VERIFIED : Verdict.OUTSIDE_WINDOW;
    }

    @Override
    public boolean needsSecret() {
        return true;
    }
}
