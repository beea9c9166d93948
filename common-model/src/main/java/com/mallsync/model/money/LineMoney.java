package com.mallsync.model.money;

import java.math.BigDecimal;

/**
 * One goods line's money, every figure at cent scale, signed as the mall signs it (positive a discount, negative a
 * mark-up). The identities, exact to the cent:
 * <pre>
 * linePrice = original − memberDiscount − sharedDiscounts − backPrice      (the mall's total_price, by definition)
 * paid      = linePrice − orderEditShare
 *           = original − memberDiscount − couponAndPointsShare − otherDiscount
 * </pre>
 *
 * @param quantity             {@code num}
 * @param original             {@code total_original_price}: {@code unit_price × num}
 * @param memberDiscount       the line's member discount ({@code member_discount_price})
 * @param backPrice            the merchant's edit of this line ({@code back_price} of the line)
 * @param linePrice            {@code total_price}: already net of the line's share of member discount,
 *                             full-reduce, coupon and points, and of the line's own edit
 * @param sharedDiscounts      coupon + points + full-reduce in this line, which stock v4 keeps no per-line figure
 *                             of: {@code original − memberDiscount − linePrice − backPrice}
 * @param orderEditShare       this line's share of the order-level edit ({@link OrderMoney#orderEdit()})
 * @param paid                 what the buyer paid for this line after every discount and every edit
 * @param couponAndPointsShare this line's share of {@code coupon_discount_price + integral_deduction_price}
 *                             (结算优惠), at most its {@code sharedDiscounts} when the mall's figures agree
 * @param otherDiscount        the rest: full-reduce, the merchant's edits (line and order level), rounding;
 *                             negative where they mark the line up
 */
public record LineMoney(int quantity, BigDecimal original, BigDecimal memberDiscount, BigDecimal backPrice,
                        BigDecimal linePrice, BigDecimal sharedDiscounts, BigDecimal orderEditShare, BigDecimal paid,
                        BigDecimal couponAndPointsShare, BigDecimal otherDiscount) {

    /** The price after the member discount (or mark-up), before anything shared at the order. */
    public BigDecimal afterMember() {
        return original.subtract(memberDiscount);
    }

    /** Every discount on the line, signed: {@code original − paid}; negative when the line was marked up overall. */
    public BigDecimal discount() {
        return original.subtract(paid);
    }

    /** Whether the buyer paid more than the list price for this line. */
    public boolean markedUpOverall() {
        return discount().signum() < 0;
    }
}
