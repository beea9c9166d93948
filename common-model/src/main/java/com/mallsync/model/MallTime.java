package com.mallsync.model;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The mall's wall-clock times: {@code "2025-03-20 16:58:12"} in Asia/Shanghai, and {@code "0000-00-00 00:00:00"}
 * (MySQL's zero date) for "never".
 */
public final class MallTime {

    /** The mall's time zone; every time it sends is local time there. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    public static final String ZERO_DATE = "0000-00-00 00:00:00";

    private MallTime() {
    }

    /**
     * Parses a mall time. Empty for {@code null}, blank or the zero date.
     *
     * @throws DateTimeParseException when the text is neither a zero date nor {@code yyyy-MM-dd HH:mm:ss}
     */
    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.isBlank() || ZERO_DATE.equals(text.trim())) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.parse(text.trim(), FORMAT);
        return Optional.of(local.atZone(ZONE).toOffsetDateTime());
    }

    /** Formats a time as the mall writes it, in the mall's zone. */
    public static String format(OffsetDateTime time) {
        return time.atZoneSameInstant(ZONE).format(FORMAT);
    }
}
