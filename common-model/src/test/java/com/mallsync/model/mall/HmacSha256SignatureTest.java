package com.mallsync.model.mall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;

class HmacSha256SignatureTest {

    @Test
    void signsTheRawSeedBytesAsAnIndependentImplementationDoes() {
        // Python 3: hmac.new(b"test-secret", b"1764547200." + seed.encode(), hashlib.sha256).hexdigest()
        byte[] seed = Seeds.mallOrderPush().getBytes(StandardCharsets.UTF_8);

        assertThat(HmacSha256Signature.sign(1_764_547_200L, seed, "test-secret"))
                .isEqualTo("226f59d39a7ca66324df2e559bdebbde0dbb6b552016e5ed31a0f465b754c5f6");
    }

    @Test
    void everyByteTheTimestampAndTheSecretCount() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] spaced = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        String base = HmacSha256Signature.sign(100, body, "s");

        assertThat(HmacSha256Signature.sign(100, spaced, "s")).isNotEqualTo(base);
        assertThat(HmacSha256Signature.sign(101, body, "s")).isNotEqualTo(base);
        assertThat(HmacSha256Signature.sign(100, body, "t")).isNotEqualTo(base);
        // the "." keeps the timestamp and the body apart: "10" + "0{..." is not "100" + "{..."
        assertThat(HmacSha256Signature.sign("10", "0{\"a\":1}".getBytes(StandardCharsets.UTF_8), "s"))
                .isNotEqualTo(base);
    }
}
