package com.mallsync.system.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a service stopped, read from what it logged since it was started: the heap running out (the JVM's own
 * "java.lang.OutOfMemoryError" line: the command line's {@code -XX:+ExitOnOutOfMemoryError} is not one), else the
 * last "Caused by:" of a failed start. Pure.
 */
final class ExitReason {

    private static final Pattern OOM = Pattern.compile("java\\.lang\\.OutOfMemoryError[^\\n]*");
    private static final Pattern CAUSED_BY = Pattern.compile("^Caused by: ([^\\n]*)", Pattern.MULTILINE);
    private static final int MAX = 240;

    private ExitReason() {
    }

    static Optional<String> of(String newLog) {
        Matcher oom = OOM.matcher(newLog);
        if (oom.find()) {
            return Optional.of(cut(oom.group().trim()));
        }
        Matcher cause = CAUSED_BY.matcher(newLog);
        String last = null;
        while (cause.find()) {
            last = cause.group(1).trim();
        }
        return Optional.ofNullable(last).map(ExitReason::cut);
    }

    /** Whether the reason is the heap running out. */
    static boolean outOfMemory(String why) {
        return why.contains("java.lang.OutOfMemoryError");
    }

    private static String cut(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }
}
