package com.mallsync.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.testsupport.Seeds;

class SeedCommandTest {

    @Test
    void theSeedPaidNowDiffersFromTheSeedOnlyInItsTimesAndSignature() {
        String body = SeedCommand.signedSeedPaidAt(Instant.parse("2026-11-23T02:00:00Z"));
        MallOrderPush push = Json.read(body, MallOrderPush.class);
        assertThat(push.payTime()).isEqualTo("2026-11-23 10:00:00");
        assertThat(push.createdAt()).isEqualTo("2026-11-23 09:59:57");
        String seed = Seeds.mallOrderPush();
        String back = body.replace("2026-11-23 10:00:00", SeedCommand.SEED_PAID)
                .replace("2026-11-23 09:59:57", SeedCommand.SEED_CREATED)
                .replace(push.appSign(), "baaeda3f7f1c3529010816ddb50778f6");
        assertThat(back).isEqualTo(seed);
    }
}
