package com.mallsync.ingest.dedupe;

import java.util.Locale;

/**
 * A push that does not fit what this instance saw of the order before (MALL-FIELDS.md: the facts only ever get
 * added). It is answered like any well-formed push and publishes nothing for the contradictory part.
 *
 * @param kind what does not fit
 * @param fact the fact concerned
 */
public record Contradiction(Kind kind, Fact fact) {

    public enum Kind {
        /**
         * A fact accepted from an earlier push is no longer shown (cancelled, then not cancelled; a refunded line,
         * then not refunded; paid, then {@code is_pay} 0). A fact once published stays: nothing changes.
         */
        WITHDRAWN,
        /** A refunded line that was not among the order's lines when this instance first saw it: not published. */
        UNKNOWN_LINE,
        /** Confirmed, cancelled or a refunded line on a push with {@code is_pay} 0: a fact of an unpaid order. */
        UNPAID;

        /** The metric tag ({@code ingest_contradictions_total{kind=...}}). */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** For the reply and the log: names the fact, never buyer data. */
    public String describe() {
        return switch (kind) {
            case WITHDRAWN -> fact + " was accepted from an earlier push and this push no longer shows it; nothing"
                    + " changes";
            case UNKNOWN_LINE -> fact + " is not a line of the order as first seen here; not published";
            case UNPAID -> fact + " shown while is_pay is 0; not published";
        };
    }
}
