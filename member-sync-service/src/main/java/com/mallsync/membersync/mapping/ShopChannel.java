package com.mallsync.membersync.mapping;

import java.util.List;

/**
 * How one mall's orders enter 2030 ({@code member-sync.shops.<mallId>.*}).
 *
 * @param shopCode          ShopCode (渠道代码), 1..16 characters
 * @param dataOrigin        DataOrigin; the seed lists 10/11/12 (Taobao/JD/Pinduoduo) and its sample uses 1
 * @param freight           what becomes of the freight
 * @param freightBarCode    BarCode of the freight row when {@code freight = LINE}
 * @param barCodeSources    BarCode sources in order of preference
 * @param buyerCodeSources  BuyerCode sources in order of preference
 */
public record ShopChannel(
        String shopCode,
        Integer dataOrigin,
        FreightMode freight,
        String freightBarCode,
        List<BarCodeSource> barCodeSources,
        List<BuyerCodeSource> buyerCodeSources) {

    public static final int DEFAULT_DATA_ORIGIN = 1;

    public ShopChannel {
        dataOrigin = dataOrigin == null ? DEFAULT_DATA_ORIGIN : dataOrigin;
        freight = freight == null ? FreightMode.EXCLUDE : freight;
        freightBarCode = freightBarCode == null || freightBarCode.isBlank() ? "FREIGHT" : freightBarCode;
        barCodeSources = barCodeSources == null || barCodeSources.isEmpty()
                ? List.of(BarCodeSource.BAR_CODE, BarCodeSource.SKU_NO, BarCodeSource.GOODS_NO, BarCodeSource.SKU_ID)
                : List.copyOf(barCodeSources);
        buyerCodeSources = buyerCodeSources == null || buyerCodeSources.isEmpty()
                ? List.of(BuyerCodeSource.UNIONID, BuyerCodeSource.USER_ID)
                : List.copyOf(buyerCodeSources);
    }

    /** A channel with every default but the ShopCode. */
    public static ShopChannel of(String shopCode) {
        return new ShopChannel(shopCode, null, null, null, null, null);
    }
}
