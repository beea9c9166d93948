package com.mallsync.erpsync.mapping;

/** The order cannot be expressed as an ERP trade as it is: it is REJECTED without a call. */
public class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }
}
