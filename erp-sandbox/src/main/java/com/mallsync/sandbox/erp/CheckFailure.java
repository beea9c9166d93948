package com.mallsync.sandbox.erp;

/** A request the sandbox refuses with a business {@code Code} (HTTP 200, like the ERP's envelope). */
final class CheckFailure extends RuntimeException {

    /** A required parameter is missing or out of range. */
    static final String BAD_PARAMETER = "1001";
    /** PlatformID or UserAccessToken is wrong. */
    static final String UNAUTHORIZED = "1002";
    /** An XML string is malformed, or a node of the seed's tables is missing or unreadable. */
    static final String BAD_XML = "1003";
    /** Details or payments do not add up to the master. */
    static final String AMOUNTS = "1004";
    /** A return (TH 1) with no sale of that UID + TradeID, or returning more than its sale less earlier returns. */
    static final String RETURN = "1005";

    private final String code;

    CheckFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
