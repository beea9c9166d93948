package com.mallsync.membersync.mapping;

/** Where a Dtls row's BarCode comes from; a shop lists them in order of preference, the first non-empty wins. */
public enum BarCodeSource {
    /** {@code goods_attr.bar_code} */
    BAR_CODE,
    /** {@code goods_attr.no}, the SKU's item number */
    SKU_NO,
    /** {@code detail[].goods_no} */
    GOODS_NO,
    /** {@code "{goods_id}-{goods_attr.id}"}: always there, stable per SKU */
    SKU_ID
}
