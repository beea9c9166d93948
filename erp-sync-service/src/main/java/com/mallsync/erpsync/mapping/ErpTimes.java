package com.mallsync.erpsync.mapping;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.mallsync.model.MallTime;

/** The seed's time format: {@code 2020/3/23 15:54:17}, {@code 1900/1/1 0:00:00} for "never", mall's zone. */
final class ErpTimes {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy/M/d H:mm:ss");
    /** What the seed writes for an unset time (RefundTime, DelayTime of its example). */
    static final String NEVER = "1900/1/1 0:00:00";

    private ErpTimes() {
    }

    static String format(OffsetDateTime time) {
        return time == null ? NEVER : time.atZoneSameInstant(MallTime.ZONE).format(FORMAT);
    }
}
