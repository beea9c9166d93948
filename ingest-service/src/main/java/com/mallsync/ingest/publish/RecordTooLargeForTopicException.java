package com.mallsync.ingest.publish;

/** The normalised order is larger than the producer or broker accept; retrying cannot help. */
public final class RecordTooLargeForTopicException extends Exception {

    public RecordTooLargeForTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
