package com.mallsync.model;

/**
 * CloudEvents Kafka binding header names (binary content mode), so generic tools can route our records.
 */
public final class CloudEvents {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    /** {@link #CONTENT_TYPE} of our records: the values are UTF-8 JSON. */
    public static final String JSON = "application/json";
    /** {@code ce_type} of every record on {@link Topics#ORDERS_PAID}. */
    public static final String ORDER_PAID_TYPE = "mall.order.paid.v1";
    /** {@code ce_type} of every record on {@link Topics#ORDERS_OUTCOMES}. */
    public static final String SYNC_OUTCOME_TYPE = "mall.order.sync-outcome.v1";

    private CloudEvents() {
    }
}
