/**
 * The shared record of orders the ERP confirmed ({@link com.mallsync.erpsync.ledger.SyncedLedger}): what stops an
 * order from being created twice across redeliveries, restarts, rebalances and instances.
 */
package com.mallsync.erpsync.ledger;
