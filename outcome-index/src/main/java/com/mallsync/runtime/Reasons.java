package com.mallsync.runtime;

/**
 * Reasons that go into outcomes and DLT headers come from outside (a downstream's message, an exception's text):
 * cut to {@link #MAX} characters, so a downstream answering a megabyte cannot blow up a record or a log line.
 */
public final class Reasons {

    /** The longest reason kept, in characters. */
    public static final int MAX = 500;

    private Reasons() {
    }

    /** {@code text} cut to {@link #MAX} characters (never in the middle of a surrogate pair), "…" marking a cut. */
    public static String cut(String text) {
        return cut(text, MAX);
    }

    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
