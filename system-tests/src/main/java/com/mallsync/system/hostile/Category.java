package com.mallsync.system.hostile;

/**
 * The kinds of bad request the suite sends; every one must be refused with a 4xx and publish nothing.
 * {@link #SIGNATURE_ATTACK} is sent by {@link SignatureAttacks}, not {@link HostileCases}.
 */
public enum Category {
    MALFORMED_JSON,
    WRONG_TYPES,
    MISSING_FIELDS,
    OVERSIZE,
    BAD_SIGNATURE,
    UNKNOWN_MALL,
    BAD_MONEY,
    BAD_QUANTITY,
    BAD_TIME,
    UNICODE,
    SLOW_LORIS,
    SIGNATURE_ATTACK
}
