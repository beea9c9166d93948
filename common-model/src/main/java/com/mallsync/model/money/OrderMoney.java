package com.mallsync.model.money;

import java.math.BigDecimal;
import java.util.List;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderPaid;

/**
 * What the buyer of one paid order paid, per line and in all, read from the mall's money fields as
 * {@code MALL-FIELDS.md} defines them (the zjhj v4 mall):
 * <ul>
 *   <li>a line's {@code total_price} is already net of its share of member discount, full-reduce, coupon and points
 *       and of the merchant's edit of that line: nothing is subtracted from it again;</li>
 *   <li>{@code total_pay_price} is what the buyer paid, freight ({@code express_price}) included, after every edit;</li>
 *   <li>the difference {@code Σ line total_price + express_price − total_pay_price} is an edit of the whole order,
 *       which changed the order's figures and {@code back_price} but not the lines. It is shared over the lines in
 *       proportion to their {@code total_price} by largest remainder ({@link Money#allocate}): positive (a further
 *       discount) lowers them, negative (a mark-up) raises them;</li>
 *   <li>{@code back_price} is the merchant's edit, cumulative (positive a discount, negative a mark-up), never a
 *       refund; {@code member_discount_price} is signed the same way.</li>
 * </ul>
 * So, exactly: {@code Σ lines' paid = goodsPaid = total_pay_price − express_price}, and
 * {@code goodsPaid + freight = paid}. Each target maps from these figures and decides for itself what it cannot
 * carry (a 2030 DiscountMoney may not be negative; the ERP's discount nodes are signed).
 *
 * @param lines           per line, in the push's order
 * @param freight         {@code express_price}: the freight the buyer paid
 * @param freightOriginal {@code express_original_price}: the freight before the merchant edited it
 * @param paid            {@code total_pay_price}
 * @param orderEdit       {@code Σ line total_price + express_price − total_pay_price}: the order-level edit shared
 *                        over the lines (positive a discount, negative a mark-up)
 * @param couponAndPoints {@code coupon_discount_price + integral_deduction_price} (结算优惠), already in the lines
 * @param backPrice       {@code back_price} of the order, for information: the edits are already in the figures
 */
public record OrderMoney(List<LineMoney> lines, BigDecimal freight, BigDecimal freightOriginal, BigDecimal paid,
                         BigDecimal orderEdit, BigDecimal couponAndPoints, BigDecimal backPrice) {

    public OrderMoney {
        lines = List.copyOf(lines);
    }

    /** Reads an order's money, or says which mall figure makes it impossible. Pure. */
    public static MoneyReading read(OrderPaid order) {
        return OrderMoneyReader.read(order);
    }

    /** What the buyer paid for the goods: {@code total_pay_price − express_price} = Σ lines' paid. */
    public BigDecimal goodsPaid() {
        return paid.subtract(freight);
    }

    /** Σ lines' list totals ({@code total_original_price}). */
    public BigDecimal original() {
        return Money.sum(lines.stream().map(LineMoney::original).toList());
    }

    /** Σ lines' member discounts. */
    public BigDecimal memberDiscount() {
        return Money.sum(lines.stream().map(LineMoney::memberDiscount).toList());
    }

    /** Σ lines' other discounts (full-reduce, edits). */
    public BigDecimal otherDiscount() {
        return Money.sum(lines.stream().map(LineMoney::otherDiscount).toList());
    }

    /** Whether anything marks the order up: a member mark-up, a merchant's mark-up, or a line paid above list. */
    public boolean hasMarkUp() {
        return orderEdit.signum() < 0 || backPrice.signum() < 0
                || lines.stream().anyMatch(l -> l.memberDiscount().signum() < 0 || l.backPrice().signum() < 0
                        || l.markedUpOverall());
    }
}
