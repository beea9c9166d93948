package com.mallsync.ingest.publish;

/** The broker did not acknowledge in time: the push is not accepted and the mall should retry. */
public final class BrokerUnavailableException extends Exception {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
