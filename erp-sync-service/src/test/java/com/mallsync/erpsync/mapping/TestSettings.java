package com.mallsync.erpsync.mapping;

import java.util.Map;

/** The documented defaults, with the demo UID of mall 222. */
final class TestSettings {

    static final MallErpSettings DEFAULTS = new MallErpSettings("demo-uid-222", "Fixed", "TS_WX", "2",
            Map.of(1, "PC_ONLINE", 2, "PC_COD", 3, "PC_BALANCE"), "", "PC_WX", "UP_TradeTransferToSale", 0,
            GoodsField.GOODS_ID, GoodsField.NONE);

    private TestSettings() {
    }
}
