package com.mallsync.model.event;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * Every money field of an order, exact, at the mall's scale, meaning what {@code MALL-FIELDS.md} says:
 * for a paid order {@code totalPayPrice = goodsPrice + freight}; {@code totalPrice} is the total as it was when the
 * order was placed. {@link com.mallsync.model.money.OrderMoney} reads them into what the buyer paid per line.
 *
 * @param totalPrice         {@code total_price}: the total including freight when the order was placed
 * @param totalPayPrice      {@code total_pay_price}: what the buyer paid, freight included, after every edit
 * @param goodsPrice         {@code total_goods_price}: goods after every discount and the merchant's edits
 * @param goodsOriginalPrice {@code total_goods_original_price}: goods at list price
 * @param freight            {@code express_price}
 * @param freightOriginal    {@code express_original_price}
 * @param memberDiscount     {@code member_discount_price}: positive a discount, negative a mark-up
 * @param couponDiscount     {@code coupon_discount_price} (already shared into the lines' {@code total_price})
 * @param couponId           {@code use_user_coupon_id}, 0 for none
 * @param pointsDeduction    {@code integral_deduction_price}: money off paid with points
 * @param pointsUsed         {@code use_integral_num}
 * @param backPrice          {@code back_price}: the merchant's edit in the back office, cumulative; positive a
 *                           discount, negative a mark-up. Not a refund (read from {@code refunded} in older records)
 */
public record OrderAmounts(
        BigDecimal totalPrice,
        BigDecimal totalPayPrice,
        BigDecimal goodsPrice,
        BigDecimal goodsOriginalPrice,
        BigDecimal freight,
        BigDecimal freightOriginal,
        BigDecimal memberDiscount,
        BigDecimal couponDiscount,
        long couponId,
        BigDecimal pointsDeduction,
        long pointsUsed,
        @JsonAlias("refunded") BigDecimal backPrice) {
}
