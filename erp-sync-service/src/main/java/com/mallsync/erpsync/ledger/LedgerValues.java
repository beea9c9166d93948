package com.mallsync.erpsync.ledger;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import com.mallsync.model.Json;
import com.mallsync.runtime.FastFields;

/**
 * A ledger record's value read into a {@link SyncedEntry} by a streaming parse: the start reads every record of the
 * window (a million and more), and the full bind with its {@code Instant} parse was most of the ledger's share.
 *
 * <p>The fast path takes only the plain shape {@link SyncedLedger} writes (one JSON object; {@code eventId} a
 * canonical UUID, {@code outerTradeId} a string or null, {@code attempts} an int, {@code at} a UTC instant as
 * {@link Instant#toString} writes it or null, {@code pending} a boolean; each at most once; other fields passed
 * over). Anything else (a syntax error, a repeated field, another type or spelling, trailing content) is read again
 * by the full parse, {@link #full}, so it is accepted or refused exactly as before.
 */
final class LedgerValues {

    private LedgerValues() {
    }

    /**
     * The entry of a non-null value; {@code null} when the value is JSON {@code null}.
     *
     * @throws RuntimeException when the full parse refuses it
     */
    static SyncedEntry read(String json) {
        SyncedEntry fast = fast(json);
        return fast != null ? fast : full(json);
    }

    /** The full bind, the reference: what the ledger did before. */
    static SyncedEntry full(String json) {
        return Json.read(json, SyncedEntry.class);
    }

    /** The plain shape's entry, or {@code null}: not sure, let the full parse judge. */
    static SyncedEntry fast(String json) {
        try (JsonParser p = Json.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UUID eventId = null;
            String ref = null;
            int attempts = 0;
            Instant at = null;
            boolean pending = false;
            int seen = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.PROPERTY_NAME) {
                    return null;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int bit = switch (name) {
                    case "eventId" -> 1;
                    case "outerTradeId" -> 2;
                    case "attempts" -> 4;
                    case "at" -> 8;
                    case "pending" -> 16;
                    default -> 0;
                };
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                switch (bit) {
                    case 1 -> {
                        if (value != JsonToken.VALUE_STRING || (eventId = FastFields.uuid(p.getString())) == null) {
                            return null;
                        }
                    }
                    case 2 -> {
                        if (value == JsonToken.VALUE_STRING) {
                            ref = p.getString();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case 4 -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            return null;
                        }
                        attempts = p.getIntValue();
                    }
                    case 8 -> {
                        if (value == JsonToken.VALUE_STRING) {
                            if ((at = FastFields.instant(p.getString())) == null) {
                                return null;
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                            return null;
                        }
                        pending = value == JsonToken.VALUE_TRUE;
                    }
                }
            }
            if (p.nextToken() != null || (seen & 1) == 0) {
                return null;
            }
            return new SyncedEntry(eventId, ref, attempts, at, pending);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
