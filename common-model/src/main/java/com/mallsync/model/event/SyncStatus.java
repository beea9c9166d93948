package com.mallsync.model.event;

/** An order's fate at one target (contract). */
public enum SyncStatus {
    /** The downstream accepted it. */
    SYNCED,
    /** The downstream already had it: a redelivery or repeated webhook; not an error, not sent twice. */
    DUPLICATE,
    /** It can never be accepted as it is; also written to the DLT. */
    REJECTED,
    /** Transient failures went on past the retry budget for this order; also written to the DLT. */
    FAILED;

    /** Terminal and fine: nothing for an operator to do. */
    public boolean delivered() {
        return this == SYNCED || this == DUPLICATE;
    }
}
