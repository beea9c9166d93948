package com.mallsync.model;

/**
 * Topic and consumer-group names (contract: operators and outside tools watch these names).
 */
public final class Topics {

    /** Normalised paid orders, keyed {@code "{mallId}:{orderNo}"}, value {@link com.mallsync.model.event.OrderPaid}. */
    public static final String ORDERS_PAID = "orders.paid.v1";
    /** One {@link com.mallsync.model.event.SyncOutcome} per order per target. */
    public static final String ORDERS_OUTCOMES = "orders.outcomes.v1";
    /** Orders member-sync can never deliver (REJECTED or FAILED), as the source record plus error headers. */
    public static final String MEMBER_SYNC_DLT = "orders.paid.v1.member-sync.dlt";
    /** Orders erp-sync can never deliver (REJECTED or FAILED), as the source record plus error headers. */
    public static final String ERP_SYNC_DLT = "orders.paid.v1.erp-sync.dlt";

    /** Consumer group of member-sync-service (contract: ops watch its lag). */
    public static final String MEMBER_SYNC_GROUP = "member-sync";
    /** Consumer group of erp-sync-service (contract: ops watch its lag). */
    public static final String ERP_SYNC_GROUP = "erp-sync";

    private Topics() {
    }

    /** The record key of every topic: all events of one order land in one partition, in order. */
    public static String orderKey(long mallId, String orderNo) {
        return mallId + ":" + orderNo;
    }
}
