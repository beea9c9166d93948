package com.mallsync.model.event;

/** An order event's fate at one target (contract). */
public enum SyncStatus {
    /** The downstream accepted it. */
    SYNCED,
    /** The downstream already had it: a redelivery or repeated webhook; not an error, not sent twice. */
    DUPLICATE,
    /** It can never be accepted as it is; also written to the DLT. */
    REJECTED,
    /** Transient failures went on past the retry budget for this order; also written to the DLT. */
    FAILED,
    /**
     * By rule there is nothing to send for this event at this target (the CRM uploads on confirmation and the order
     * was cancelled first, say); never written to the DLT.
     */
    SKIPPED;

    /** The target holds it: SYNCED or DUPLICATE. */
    public boolean delivered() {
        return this == SYNCED || this == DUPLICATE;
    }

    /** Terminal and fine, nothing for an operator to do: {@link #delivered()} or SKIPPED. A redelivery is skipped. */
    public boolean settled() {
        return delivered() || this == SKIPPED;
    }
}
