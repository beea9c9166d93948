package com.mallsync.model.event;

import java.math.BigDecimal;

/**
 * Every money field of an order, exact, at the mall's scale. Names follow the mall's meaning:
 * {@code totalPrice = goodsPrice + freight}, {@code totalPayPrice} is what the buyer paid.
 *
 * @param totalPrice         {@code total_price}: goods after discounts plus freight
 * @param totalPayPrice      {@code total_pay_price}: paid by the buyer
 * @param goodsPrice         {@code total_goods_price}: goods after member discount
 * @param goodsOriginalPrice {@code total_goods_original_price}: goods at list price
 * @param freight            {@code express_price}
 * @param freightOriginal    {@code express_original_price}
 * @param memberDiscount     {@code member_discount_price}
 * @param couponDiscount     {@code coupon_discount_price}
 * @param couponId           {@code use_user_coupon_id}, 0 for none
 * @param pointsDeduction    {@code integral_deduction_price}: money off paid with points
 * @param pointsUsed         {@code use_integral_num}
 * @param refunded           {@code back_price}
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
        BigDecimal refunded) {
}
