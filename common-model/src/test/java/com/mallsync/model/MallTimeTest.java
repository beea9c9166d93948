package com.mallsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

class MallTimeTest {

    @Test
    void readsMallTimesAsShanghaiLocalTime() {
        assertThat(MallTime.parse("2025-03-20 16:58:12"))
                .contains(OffsetDateTime.of(2025, 3, 20, 16, 58, 12, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void zeroDatesNullsAndBlanksMeanNever() {
        assertThat(MallTime.parse("0000-00-00 00:00:00")).isEmpty();
        assertThat(MallTime.parse(null)).isEmpty();
        assertThat(MallTime.parse("")).isEmpty();
    }

    @Test
    void refusesOtherShapes() {
        assertThatThrownBy(() -> MallTime.parse("2025/03/20 16:58:12")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> MallTime.parse("2025-02-30 10:00:00")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void formatsInTheMallsZone() {
        assertThat(MallTime.format(OffsetDateTime.of(2025, 3, 20, 8, 58, 12, 0, ZoneOffset.UTC))).isEqualTo("2025-03-20 16:58:12");
    }
}
