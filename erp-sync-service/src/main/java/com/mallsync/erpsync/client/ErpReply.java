package com.mallsync.erpsync.client;

/** What one TradeTransferToErp call came to. */
public sealed interface ErpReply {

    /** {@code Code} "0": the ERP created the order as {@code outerTradeId}. */
    record Accepted(String outerTradeId) implements ErpReply {
    }

    /** Another {@code Code}: the ERP refused the order; {@code retryable} when the code is configured as such. */
    record Refused(String code, String message, boolean retryable) implements ErpReply {
    }

    /**
     * A {@code Code} configured as "the ERP already has this order" ({@code erp-sync.erp.duplicate-codes}): nothing
     * was created by this call, and nothing needs to be.
     */
    record AlreadyThere(String code, String message) implements ErpReply {
    }

    /**
     * No answer that says anything about the order: timeout, connection error, 5xx, an unreadable reply.
     * {@code maybeDelivered} when the request was sent whole and no answer came in time (a read timeout): the ERP may
     * have created the order and the answer got lost. A refused or failed connection, a 5xx, an unreadable reply are
     * taken as "not created".
     */
    record Unavailable(String reason, boolean maybeDelivered) implements ErpReply {
        public Unavailable(String reason) {
            this(reason, false);
        }
    }
}
