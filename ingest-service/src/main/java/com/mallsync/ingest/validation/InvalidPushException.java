package com.mallsync.ingest.validation;

/**
 * A push that can never be accepted as it is. Carries the offending field's path ({@code detail[0].num}) and a
 * message that never echoes the field's value (it may be a buyer's mobile or address).
 */
public final class InvalidPushException extends RuntimeException {

    private final String field;

    public InvalidPushException(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
