package com.mallsync.erpsync.client;

/** What one TradeTransferToErp call came to. */
public sealed interface ErpReply {

    /** {@code Code} "0": the ERP created the order as {@code outerTradeId}. */
    record Accepted(String outerTradeId) implements ErpReply {
    }

    /** Another {@code Code}: the ERP refused the order; {@code retryable} when the code is configured as such. */
    record Refused(String code, String message, boolean retryable) implements ErpReply {
    }

    /** No answer that says anything about the order: timeout, connection error, 5xx, an unreadable reply. */
    record Unavailable(String reason) implements ErpReply {
    }
}
