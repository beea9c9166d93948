package com.mallsync.ingest.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.mallsync.model.mall.HmacSha256Signature;
import org.junit.jupiter.api.Test;

class HmacSha256SchemeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SECRET = "mall-secret";
    private static final byte[] BODY = "{\"mall_id\":222,\"order_no\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    private final HmacSha256Scheme scheme =
            new HmacSha256Scheme(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    private static SignedPush signedAt(long epochSeconds, byte[] body) {
        return new SignedPush(body, null, Long.toString(epochSeconds),
                HmacSha256Signature.sign(epochSeconds, body, SECRET));
    }

    @Test
    void aGoodSignatureWithinTheWindowIsVerified() {
        long now = NOW.getEpochSecond();

        assertThat(scheme.verify(signedAt(now, BODY), SECRET)).isEqualTo(Verdict.VERIFIED);
        assertThat(scheme.verify(signedAt(now - 300, BODY), SECRET)).isEqualTo(Verdict.VERIFIED);
        assertThat(scheme.verify(signedAt(now + 300, BODY), SECRET)).isEqualTo(Verdict.VERIFIED);
        SignedPush upper = signedAt(now, BODY);
        assertThat(scheme.verify(new SignedPush(BODY, null, upper.timestamp(), upper.signature().toUpperCase()),
                SECRET)).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void aStaleOrFutureTimestampIsRefusedEvenWhenSignedCorrectly() {
        long now = NOW.getEpochSecond();

        assertThat(scheme.verify(signedAt(now - 301, BODY), SECRET)).isEqualTo(Verdict.OUTSIDE_WINDOW);
        assertThat(scheme.verify(signedAt(now - 86_400, BODY), SECRET)).isEqualTo(Verdict.OUTSIDE_WINDOW);
        assertThat(scheme.verify(signedAt(now + 301, BODY), SECRET)).isEqualTo(Verdict.OUTSIDE_WINDOW);
        assertThat(scheme.verify(signedAt(0, BODY), SECRET)).isEqualTo(Verdict.OUTSIDE_WINDOW);
    }

    @Test
    void aBadSignatureBodyTimestampOrSecretIsRefused() {
        long now = NOW.getEpochSecond();
        SignedPush good = signedAt(now, BODY);
        byte[] spaced = "{\"mall_id\":222, \"order_no\":\"1\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(scheme.verify(good, "other-secret")).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(scheme.verify(new SignedPush(spaced, null, good.timestamp(), good.signature()), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        // a replay that moves the timestamp into the window breaks the signature
        assertThat(scheme.verify(new SignedPush(BODY, null, Long.toString(now + 1), good.signature()), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(scheme.verify(new SignedPush(BODY, null, null, good.signature()), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(scheme.verify(new SignedPush(BODY, null, good.timestamp(), null), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(scheme.verify(new SignedPush(BODY, null, "-" + now, good.signature()), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(scheme.verify(new SignedPush(BODY, null, "1e9", good.signature()), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(scheme.verify(good, "")).isEqualTo(Verdict.BAD_SIGNATURE);
        // a sorted-md5 app_sign is no signature here
        assertThat(scheme.verify(new SignedPush(BODY, good.signature(), good.timestamp(), "abc"), SECRET))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }
}
