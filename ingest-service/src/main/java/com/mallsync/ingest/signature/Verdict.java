package com.mallsync.ingest.signature;

/**
 * The result of authenticating a push. Every value but {@link #VERIFIED} is answered with the same 401: the
 * distinction is for the log and the metrics only, so a caller cannot tell a configured mall from an unknown one.
 */
public enum Verdict {
    VERIFIED("verified"),
    UNKNOWN_MALL("unknown_mall"),
    BAD_SIGNATURE("bad_signature"),
    /** Signed correctly but with a timestamp outside {@code ingest.signature.tolerance}: a replay, or a bad clock. */
    OUTSIDE_WINDOW("outside_window");

    private final String tag;

    Verdict(String tag) {
        this.tag = tag;
    }

    /** The metric tag ({@code ingest.orders.rejected{reason=...}}). */
    public String tag() {
        return tag;
    }
}
