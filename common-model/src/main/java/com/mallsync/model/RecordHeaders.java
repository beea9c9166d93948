package com.mallsync.model;

/**
 * Names of our own Kafka record headers that more than one module reads or writes (CloudEvents' are in
 * {@link CloudEvents}).
 */
public final class RecordHeaders {

    /**
     * Set by the ops console's DLT replay on the record it re-publishes to {@link Topics#ORDERS_PAID}: value
     * {@code topic/partition/offset} of the dead letter. A consumer processes a replayed order again even when an
     * earlier REJECTED or FAILED outcome of it was published (that is what a replay is for); an order without it
     * whose terminal outcome is already published is a redelivery and is skipped.
     */
    public static final String REPLAYED_FROM = "ops-replayed-from";

    /**
     * Set by the DLT replay next to {@link #REPLAYED_FROM}: what the operator decided for an order that may already
     * be in the ERP (in doubt): {@link #IN_DOUBT_RESEND} to call again, {@link #IN_DOUBT_HOLD} (the default, also
     * when the header is missing) to hold it again for a person to check. erp-sync reads it.
     */
    public static final String REPLAY_IN_DOUBT = "ops-replay-in-doubt";
    public static final String IN_DOUBT_RESEND = "RESEND";
    public static final String IN_DOUBT_HOLD = "HOLD";

    private RecordHeaders() {
    }
}
