package com.mallsync.outcomes;

import java.util.UUID;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import com.mallsync.model.Json;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.runtime.FastFields;

/**
 * The three fields of an outcome record the index needs ({@code eventId}, {@code target}, {@code status}), read by
 * a streaming parse that passes every other value over without decoding it: the tail of a 60-day outcomes topic
 * reads millions of records, half of them the other target's, and a full {@link SyncOutcome} (times, strings, the
 * reason) was most of the catch-up's time.
 *
 * <p>The fast path takes only the plain shape the services write (one JSON object, each of the three at most once,
 * a canonical 36-character UUID, the enum names exactly, or JSON null); anything else (not an object, a syntax
 * error, a repeated field, a number for an enum, another UUID spelling, trailing content) is read again by the full
 * parse, so it is accepted or refused exactly as before. The one difference: a record whose three fields are
 * readable is read even when a field the index does not use would fail the full parse (an {@code at} that is no
 * time): it is still an outcome published for that event.
 */
final class OutcomeFields {

    /** What an outcome record says, as far as the index cares. */
    sealed interface Read {
    }

    /** A record with all three fields. */
    record Outcome(UUID eventId, SyncTarget target, SyncStatus status) implements Read {
    }

    /**
     * A record the index cannot use.
     *
     * @param cause why the full parse refused it; {@code null} when it parsed but a field is missing (or null)
     */
    record Unreadable(RuntimeException cause) implements Read {
    }

    private static final SyncTarget[] TARGETS = SyncTarget.values();
    private static final SyncStatus[] STATUSES = SyncStatus.values();

    private OutcomeFields() {
    }

    /** The fields of one record value ({@code null}: a tombstone, unreadable). */
    static Read read(String json) {
        if (json == null) {
            return new Unreadable(null);
        }
        Outcome fast = fast(json);
        return fast != null ? fast : full(json);
    }

    /** The full parse, the reference: what the index did before. */
    static Read full(String json) {
        SyncOutcome outcome;
        try {
            outcome = Json.read(json, SyncOutcome.class);
        } catch (RuntimeException e) {
            return new Unreadable(e);
        }
        if (outcome == null || outcome.eventId() == null || outcome.status() == null || outcome.target() == null) {
            return new Unreadable(null);
        }
        return new Outcome(outcome.eventId(), outcome.target(), outcome.status());
    }

    /** The plain shape's three fields, or {@code null}: not sure, let the full parse judge. */
    static Outcome fast(String json) {
        try (JsonParser p = Json.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UUID eventId = null;
            SyncTarget target = null;
            SyncStatus status = null;
            int seen = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.PROPERTY_NAME) {
                    return null;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int bit = switch (name) {
                    case "eventId" -> 1;
                    case "target" -> 2;
                    case "status" -> 4;
                    default -> 0;
                };
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0 || value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    return null;
                }
                seen |= bit;
                if (value == JsonToken.VALUE_NULL) {
                    return null; // the full parse says "missing"; rare enough not to repeat its verdict here
                }
                String text = p.getString();
                switch (bit) {
                    case 1 -> eventId = FastFields.uuid(text);
                    case 2 -> target = named(TARGETS, text);
                    default -> status = named(STATUSES, text);
                }
                if (bit == 1 && eventId == null || bit == 2 && target == null || bit == 4 && status == null) {
                    return null;
                }
            }
            if (p.nextToken() != null || seen != 7) {
                return null;
            }
            return new Outcome(eventId, target, status);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E named(E[] values, String text) {
        for (E e : values) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        return null;
    }
}
