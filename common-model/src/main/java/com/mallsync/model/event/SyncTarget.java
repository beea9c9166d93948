package com.mallsync.model.event;

/** Where an order is synced (contract). */
public enum SyncTarget {
    /** EZR CRM, interface 2030 (member-sync-service). */
    CRM_2030,
    /** Yihua ERP, TradeTransferToErp (erp-sync-service). */
    ERP
}
