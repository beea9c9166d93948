package com.mallsync.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.testsupport.Seeds;

class SigningTest {

    @Test
    void signingTheSeedChangesOnlyItsAppSign() {
        String seed = Seeds.mallOrderPush();
        String signed = Signing.sign(seed, "demo-secret-222");
        String expected = SortedMd5Signature.sign(seed.getBytes(StandardCharsets.UTF_8), "demo-secret-222");
        assertThat(signed).isEqualTo(seed.replace("baaeda3f7f1c3529010816ddb50778f6", expected));
        assertThat(expected).isNotEqualTo("baaeda3f7f1c3529010816ddb50778f6");
    }

    @Test
    void aBodyWithoutAppSignGetsOne() {
        String signed = Signing.sign("{\"mall_id\":222,\"order_no\":\"1\"}", "k");
        assertThat(Json.tree(signed).get("app_sign").asString())
                .isEqualTo(SortedMd5Signature.sign("{\"mall_id\":222,\"order_no\":\"1\"}".getBytes(StandardCharsets.UTF_8), "k"));
    }

    @Test
    void percentilesUseTheNearestRank() {
        var stats = LatencyStats.of(java.util.stream.IntStream.rangeClosed(1, 100)
                .mapToObj(i -> java.time.Duration.ofMillis(i)).toList());
        assertThat(stats.p50().toMillis()).isEqualTo(50);
        assertThat(stats.p95().toMillis()).isEqualTo(95);
        assertThat(stats.p99().toMillis()).isEqualTo(99);
        assertThat(stats.max().toMillis()).isEqualTo(100);
    }
}
