/**
 * OrderPaid → TradeTransferToErp parameters ({@link com.mallsync.erpsync.mapping.ErpTradeMapping}): pure functions,
 * no I/O. Money shares are in {@link com.mallsync.erpsync.mapping.TradeAmounts}.
 */
package com.mallsync.erpsync.mapping;
