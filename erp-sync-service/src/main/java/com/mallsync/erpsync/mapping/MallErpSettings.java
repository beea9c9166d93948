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
 * @param payChannels         mall {@code pay_type} → {@code PayChannel} (defaults 1 → {@code PC_ONLINE},
 *                            2 → {@code PC_COD}, 3 → {@code PC_BALANCE})
 * @param defaultPayChannel   {@code PayChannel} for a pay_type not in the map; empty (the default): such an order is
 *                            refused, naming the setting to add
 * @param weChatPayChannel    {@code PayChannel} when the push says WeChat ({@code is_wxpay} 1); seed example
 *                            {@code PC_WX}
 * @param storedProcedureName {@code UP_TradeTransferToSale}, {@code …ToRetail} or {@code …ToWholesale}
 * @param audit               {@code Audit}: 1 = audit and ship automatically
 * @param goodsIdField        which mall field is the ERP {@code GoodsID}
 * @param yhProductIdField    which mall field is the {@code yhProductID}
 */
public record MallErpSettings(String uid, String tradeType, String tradeSource, String payStatus,
                              Map<Integer, String> payChannels, String defaultPayChannel, String weChatPayChannel,
                              String storedProcedureName, int audit, GoodsField goodsIdField,
                              GoodsField yhProductIdField) {

    public MallErpSettings {
        payChannels = Map.copyOf(payChannels);
    }

    /**
     * The ERP pay channel of an order: WeChat only where the push says so ({@code is_wxpay} 1), else the mall's
     * {@code pay_type} as configured.
     *
     * @throws MappingException when neither the push nor the settings name one (never silently WeChat)
     */
    public String payChannel(long mallId, Integer payType, boolean paidWithWeChat) {
        if (paidWithWeChat && weChatPayChannel != null && !weChatPayChannel.isBlank()) {
            return weChatPayChannel;
        }
        String channel = payType == null ? null : payChannels.get(payType);
        if (channel == null || channel.isBlank()) {
            channel = defaultPayChannel;
        }
        if (channel == null || channel.isBlank()) {
            throw new MappingException("no ERP PayChannel for pay_type " + payType + " of mall " + mallId
                    + ": set erp-sync.malls." + mallId + ".pay-channels." + (payType == null ? "<pay_type>" : payType)
                    + " (or erp-sync.mall-defaults.pay-channels." + (payType == null ? "<pay_type>" : payType)
                    + ", or default-pay-channel) and replay the order");
        }
        return channel;
    }
}
