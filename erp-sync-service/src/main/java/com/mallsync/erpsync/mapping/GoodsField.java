package com.mallsync.erpsync.mapping;

import com.mallsync.model.event.OrderLine;

/** Which field of a mall goods line carries an ERP code (GoodsID, yhProductID): a per-mall choice. */
public enum GoodsField {
    /** {@code detail[].goods_id}: always present. */
    GOODS_ID,
    /** {@code goods_attr.id}: the SKU's id. */
    SKU_ID,
    /** {@code detail[].goods_no}. */
    GOODS_NO,
    /** {@code goods_attr.no}: the SKU's item number. */
    SKU_NO,
    /** {@code goods_attr.bar_code}. */
    BAR_CODE,
    /** Nothing: the node is sent empty. */
    NONE;

    /** The line's value of this field, {@code ""} when it has none. */
    public String of(OrderLine line) {
        Object value = switch (this) {
            case GOODS_ID -> line.goodsId();
            case SKU_ID -> line.skuId();
            case GOODS_NO -> line.goodsNo();
            case SKU_NO -> line.skuNo();
            case BAR_CODE -> line.barCode();
            case NONE -> null;
        };
        return value == null ? "" : value.toString().trim();
    }
}
