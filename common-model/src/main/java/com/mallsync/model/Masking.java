package com.mallsync.model;

/**
 * How buyers' personal data appears in logs: a mobile keeps its first 3 and last 4 characters
 * ({@code 138****5678}), an address keeps its first 6 characters (province and city, in Chinese), a name its first
 * character. Every service logs through these, so no log line carries a full mobile or address.
 */
public final class Masking {

    private Masking() {
    }

    public static String mobile(String mobile) {
        if (mobile == null || mobile.isEmpty()) {
            return mobile;
        }
        int n = mobile.codePointCount(0, mobile.length());
        if (n <= 7) {
            return "*".repeat(n);
        }
        int keepHead = mobile.offsetByCodePoints(0, 3);
        int keepTail = mobile.offsetByCodePoints(0, n - 4);
        return mobile.substring(0, keepHead) + "*".repeat(n - 7) + mobile.substring(keepTail);
    }

    public static String address(String address) {
        return keepHead(address, 6);
    }

    public static String name(String name) {
        return keepHead(name, 1);
    }

    private static String keepHead(String text, int keep) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int n = text.codePointCount(0, text.length());
        if (n <= keep) {
            return "*".repeat(n);
        }
        return text.substring(0, text.offsetByCodePoints(0, keep)) + "***";
    }
}
