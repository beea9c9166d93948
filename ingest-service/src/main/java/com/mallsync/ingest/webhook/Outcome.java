package com.mallsync.ingest.webhook;

import java.util.List;
import java.util.UUID;

import com.mallsync.ingest.dedupe.Contradiction;
import com.mallsync.ingest.dedupe.Fact;

/**
 * What happened to one push, and what the mall is told.
 *
 * @param kind    the decision, for metrics and logs
 * @param status  the HTTP status
 * @param code    {@code 0} when the mall need not push again, otherwise the error code
 * @param msg     a human-readable message, never echoing buyer data
 * @param field   the offending field for a 400/413 ({@code detail[0].num}, or {@code body}); {@code null} otherwise
 * @param reason  the metric tag of a refusal ({@code invalid_field}, {@code bad_signature}, ...)
 * @param eventId the order's PAID event id (the same for every push of one order), on accepted and duplicate
 * @param events  the facts this push published, in the order they were published (empty unless accepted)
 * @param contradictions what in this push contradicts the earlier ones this instance saw (published: nothing)
 */
record Outcome(Kind kind, int status, int code, String msg, String field, String reason, UUID eventId,
               List<Fact> events, List<Contradiction> contradictions) {

    Outcome {
        events = events == null ? List.of() : List.copyOf(events);
        contradictions = contradictions == null ? List.of() : List.copyOf(contradictions);
    }

    Outcome(Kind kind, int status, int code, String msg, String field, String reason, UUID eventId) {
        this(kind, status, code, msg, field, reason, eventId, List.of(), List.of());
    }

    enum Kind { ACCEPTED, DUPLICATE, IGNORED, REJECTED, UNAVAILABLE }

    static final int INVALID_FIELD = 40001;
    static final int NOT_JSON = 40002;
    static final int UNAUTHENTICATED = 40101;
    static final int BODY_DEADLINE = 40801;
    static final int TOO_LARGE = 41301;
    static final int UNAVAILABLE = 50301;

    static Outcome accepted(UUID eventId, List<Fact> events, List<Contradiction> contradictions) {
        return new Outcome(Kind.ACCEPTED, 200, 0, "accepted", null, null, eventId, events, contradictions);
    }

    static Outcome duplicate(UUID eventId, List<Contradiction> contradictions) {
        return new Outcome(Kind.DUPLICATE, 200, 0, "duplicate: every fact of this order the push shows was already"
                + " accepted", null, null, eventId, List.of(), contradictions);
    }

    static Outcome ignored(List<Contradiction> contradictions) {
        return new Outcome(Kind.IGNORED, 200, 0, "ignored: is_pay is 0 (not paid)", null, null, null, List.of(),
                contradictions);
    }

    static Outcome invalid(String field, String message) {
        return new Outcome(Kind.REJECTED, 400, INVALID_FIELD, field + ": " + message, field, "invalid_field", null);
    }

    static Outcome notJson(String message) {
        return new Outcome(Kind.REJECTED, 400, NOT_JSON, "body: " + message, "body", "not_json", null);
    }

    static Outcome tooLarge(String message) {
        return new Outcome(Kind.REJECTED, 413, TOO_LARGE, "body: " + message, "body", "too_large", null);
    }

    /**
     * Unknown mall, missing or wrong signature, timestamp outside the window: one reply, byte for byte, so a caller
     * cannot enumerate the configured malls or learn how they sign. {@code reason} goes to the metrics only.
     */
    static Outcome unauthenticated(String reason) {
        return new Outcome(Kind.REJECTED, 401, UNAUTHENTICATED,
                "signature: missing or wrong, or mall_id is not configured here", "signature", reason, null);
    }

    /** The body did not arrive in time: the mall may push again; the connection is closed. */
    static Outcome bodyDeadline(String message) {
        return new Outcome(Kind.REJECTED, 408, BODY_DEADLINE, "body: " + message, "body", "body_deadline", null);
    }

    /** The body stopped (silent past the connection timeout) or the client went away: no reply can be sent. */
    static Outcome bodyCut() {
        return new Outcome(Kind.REJECTED, 400, NOT_JSON, "body: incomplete, connection closed", "body", "body_cut",
                null);
    }

    static Outcome unavailable() {
        return new Outcome(Kind.UNAVAILABLE, 503, UNAVAILABLE,
                "the order could not be stored in time; nothing was accepted, please push it again", null, null, null);
    }
}
