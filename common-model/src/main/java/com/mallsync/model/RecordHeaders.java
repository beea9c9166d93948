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

    private RecordHeaders() {
    }
}
