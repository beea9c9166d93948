package com.mallsync.model.event;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One goods line.
 *
 * @param lineId          {@code detail[].id}
 * @param goodsId         {@code detail[].goods_id}
 * @param skuId           {@code goods_attr.id}
 * @param goodsNo         {@code detail[].goods_no} (may be empty)
 * @param skuNo           {@code goods_attr.no}, the SKU's item number (may be empty)
 * @param barCode         {@code goods_attr.bar_code} (may be empty)
 * @param name            {@code goods_attr.name}
 * @param attributes      the chosen attributes, such as 颜色 = 黑色
 * @param quantity        {@code num}, at least 1
 * @param unitPrice       {@code unit_price}
 * @param originalTotal   {@code total_original_price}: quantity × list price
 * @param paidTotal       {@code total_price}: the line after its share of member discount, full-reduce, coupon and
 *                        points, or what the merchant set it to (already net: MALL-FIELDS.md); not yet after an edit
 *                        of the whole order
 * @param memberDiscount  {@code member_discount_price}: positive a discount, negative a mark-up
 * @param createdAt       the line's {@code created_at}, Asia/Shanghai, or {@code null}
 * @param backPrice       the line's {@code back_price}: the merchant's edit of this line (positive a discount,
 *                        negative a mark-up), not a refund; {@code null} in records written before it was carried
 * @param refunded        {@code is_refund} 1 and {@code refund_status} 2 in the push: the line's after-sale is
 *                        finished and the merchant agreed to refund it (MALL-FIELDS.md); {@code null} (read as not
 *                        refunded) in records written before the lifecycle existed
 */
public record OrderLine(
        Long lineId,
        Long goodsId,
        Long skuId,
        String goodsNo,
        String skuNo,
        String barCode,
        String name,
        List<Attribute> attributes,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal originalTotal,
        BigDecimal paidTotal,
        BigDecimal memberDiscount,
        OffsetDateTime createdAt,
        BigDecimal backPrice,
        Boolean refunded) {

    public OrderLine {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A line as records before the lifecycle carried it: not refunded. */
    public OrderLine(Long lineId, Long goodsId, Long skuId, String goodsNo, String skuNo, String barCode, String name,
                     List<Attribute> attributes, int quantity, BigDecimal unitPrice, BigDecimal originalTotal,
                     BigDecimal paidTotal, BigDecimal memberDiscount, OffsetDateTime createdAt, BigDecimal backPrice) {
        this(lineId, goodsId, skuId, goodsNo, skuNo, barCode, name, attributes, quantity, unitPrice, originalTotal,
                paidTotal, memberDiscount, createdAt, backPrice, null);
    }

    /** Whether the push showed this line refunded ({@link #refunded()} true; {@code null} reads as false). */
    public boolean refundedLine() {
        return Boolean.TRUE.equals(refunded);
    }

    /** This line as refunded (or not). */
    public OrderLine withRefunded(boolean refundedNow) {
        return new OrderLine(lineId, goodsId, skuId, goodsNo, skuNo, barCode, name, attributes, quantity, unitPrice,
                originalTotal, paidTotal, memberDiscount, createdAt, backPrice, refundedNow);
    }

    /** A line without a merchant's edit of its own. */
    public OrderLine(Long lineId, Long goodsId, Long skuId, String goodsNo, String skuNo, String barCode, String name,
                     List<Attribute> attributes, int quantity, BigDecimal unitPrice, BigDecimal originalTotal,
                     BigDecimal paidTotal, BigDecimal memberDiscount, OffsetDateTime createdAt) {
        this(lineId, goodsId, skuId, goodsNo, skuNo, barCode, name, attributes, quantity, unitPrice, originalTotal,
                paidTotal, memberDiscount, createdAt, null);
    }

    /** A chosen attribute: its group (颜色) and value (黑色). */
    public record Attribute(String group, String value) {
    }
}
