package com.mallsync.erpsync.mapping;

/**
 * One TradeTransferToErp call's order-specific parameters (PlatformID and UserAccessToken come from the client).
 */
public record ErpTrade(String uid, String masterXml, String detailXml, String payXml, int th, int audit,
                       String storedProcedureName) {
}
