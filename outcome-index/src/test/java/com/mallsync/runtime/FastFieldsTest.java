package com.mallsync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The short cut reads exactly what {@link Instant#parse} reads, or hands the text back ({@code null}). */
class FastFieldsTest {

    @Test
    void anInstantReadsAsInstantParseReadsIt() {
        Random random = new Random(16);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextInt(4) == 0 ? random.nextLong(max)
                    : 1_700_000_000L + random.nextInt(200_000_000), switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String text = at.toString();
            assertThat(FastFields.instant(text)).as(text).isEqualTo(at);
        }
        assertThat(FastFields.instant("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
        assertThat(FastFields.instant("2000-02-29T00:00:00Z")).isEqualTo(Instant.parse("2000-02-29T00:00:00Z"));
    }

    @Test
    void anythingElseIsLeftToTheFullParse() {
        for (String text : List.of("", "2026-12-02", "2026-12-02T09:00:00", "2026-12-02T09:00:00+08:00",
                "2026-12-02T09:00:00.Z", "2026-12-02T09:00:00.1234567890Z", "2026-13-02T09:00:00Z",
                "2026-02-29T09:00:00Z", "1900-02-28T09:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T09:60:00Z",
                "2026-12-02T09:00:60Z", "2026-12-02 09:00:00Z", "+2026-12-02T09:00:00Z", "2026-1a-02T09:00:00Z",
                "2026-12-02T09:00:00.1a3Z", "2026-12-02T09:00:00z", "2026-12-00T09:00:00Z",
                "２026-12-02T09:00:00Z")) {
            assertThat(FastFields.instant(text)).as(text).isNull();
        }
    }
}
