package com.mallsync.erpsync.mapping;

import java.util.Map;

/**
 * How one mall's orders look in the ERP (resolved: every field set). Defaults are in
 * {@code erp-sync.mall-defaults}, each mall may override them under {@code erp-sync.malls.<mallId>}.
 *
 * @param uid                 the ERP user that owns the mall's orders ({@code UID})
 * @param tradeType           {@code TradeType} (seed example: {@code Fixed})
 * @param tradeSource         {@code TradeSource} (seed example: {@code TS_WX})
 * @param payStatus           {@code PayStatus} of a paid order (seed example: {@code 2})
 * @param payChannels         mall {@code pay_type} → {@code PayChannel}
 * @param defaultPayChannel   {@code PayChannel} for a pay_type not in the map (seed example: {@code PC_WX})
 * @param storedProcedureName {@code UP_TradeTransferToSale}, {@code …ToRetail} or {@code …ToWholesale}
 * @param audit               {@code Audit}: 1 = audit and ship automatically
 * @param goodsIdField        which mall field is the ERP {@code GoodsID}
 * @param yhProductIdField    which mall field is the {@code yhProductID}
 */
public record MallErpSettings(String uid, String tradeType, String tradeSource, String payStatus,
                              Map<Integer, String> payChannels, String defaultPayChannel, String storedProcedureName,
                              int audit, GoodsField goodsIdField, GoodsField yhProductIdField) {

    public MallErpSettings {
        payChannels = Map.copyOf(payChannels);
    }

    /** The ERP pay channel of a mall pay_type. */
    public String payChannel(Integer payType) {
        return payType == null ? defaultPayChannel : payChannels.getOrDefault(payType, defaultPayChannel);
    }
}
