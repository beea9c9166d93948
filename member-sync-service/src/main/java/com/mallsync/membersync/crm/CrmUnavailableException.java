package com.mallsync.membersync.crm;

/**
 * The CRM gave no usable answer: connection error, timeout, HTTP error, unreadable reply, or a refusal of our
 * credentials. Never the order's fault: retried, and counted by the circuit breaker.
 */
public class CrmUnavailableException extends Exception {

    public CrmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
