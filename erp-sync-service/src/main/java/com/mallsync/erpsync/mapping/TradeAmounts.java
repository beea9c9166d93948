package com.mallsync.erpsync.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;

/**
 * The ERP's money nodes of one order, with every order-level discount shared over the lines by
 * {@link Money#allocate} (largest remainder), so each master node is the exact sum of its line node.
 *
 * <p>The seed's worked example fixes the shape: OriginalMoney 106.4 = Σ OldPrice; ContractFeeBefore 26.6 =
 * Σ ContractFeeItem; Price = OldPrice − ContractFeeItem; TotalMoney = Σ Price = 79.8 = FactMoney. From there:
 * <ul>
 *   <li>OldPrice is the line's list total ({@code total_original_price}), Price the line total after the member
 *       discount (line totals, not unit prices: the example has GoodsNumber 1 everywhere, and totals are what add
 *       up to the cent);</li>
 *   <li>ContractFeeBefore (订单优惠, 会员卡折扣) = the member discount; ContractFee (结算优惠, 卡券、积分) = coupon +
 *       points, shared as ReductionFeeItem (结算优惠分摊金额);</li>
 *   <li>OtherFee (其它优惠) = whatever discount the mall gave beyond those (goods − discounts + freight − paid),
 *       shared as OtherFeeItem; ReductionFee and LateFee are 0;</li>
 *   <li>FactMoney = TotalMoney − ContractFee − OtherFee − ReductionFee + Freight + LateFee = {@code total_pay_price}.</li>
 * </ul>
 */
public record TradeAmounts(List<Line> lines, BigDecimal originalMoney, BigDecimal contractFeeBefore,
                           BigDecimal contractFee, BigDecimal otherFee, BigDecimal reductionFee, BigDecimal freight,
                           BigDecimal lateFee, BigDecimal totalMoney, BigDecimal factMoney, BigDecimal refundFee) {

    /** One detail's money nodes. */
    public record Line(BigDecimal oldPrice, BigDecimal contractFeeItem, BigDecimal reductionFeeItem,
                       BigDecimal otherFeeItem, BigDecimal price) {
    }

    /**
     * @throws MappingException when the order's amounts cannot be shared (no lines, negative amounts, discounts
     *                          above the goods, or the buyer paid more than goods + freight)
     */
    public static TradeAmounts of(OrderPaid order) {
        List<OrderLine> lines = order.lines();
        OrderAmounts a = order.amounts();
        if (lines.isEmpty() || a == null) {
            throw new MappingException("order has no lines or no amounts");
        }
        List<BigDecimal> old = lines.stream().map(l -> cents(l.originalTotal(), "line total_original_price")).toList();
        BigDecimal originalMoney = Money.sum(old);

        BigDecimal member = cents(a.memberDiscount(), "member_discount_price");
        if (member.compareTo(originalMoney) > 0) {
            throw new MappingException("member discount " + member + " is above the goods' list total " + originalMoney);
        }
        List<BigDecimal> memberShares = memberShares(lines, member, old);
        List<BigDecimal> price = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            price.add(old.get(i).subtract(memberShares.get(i)));
        }
        BigDecimal totalMoney = Money.sum(price);

        BigDecimal settlement = cents(a.couponDiscount(), "coupon_discount_price")
                .add(cents(a.pointsDeduction(), "integral_deduction_price"));
        if (settlement.compareTo(totalMoney) > 0) {
            throw new MappingException("coupon + points " + settlement + " are above the goods' total " + totalMoney);
        }
        List<BigDecimal> settlementShares = Money.allocate(settlement, price);

        BigDecimal freight = cents(a.freight(), "express_price");
        BigDecimal paid = cents(a.totalPayPrice(), "total_pay_price");
        BigDecimal other = totalMoney.subtract(settlement).add(freight).subtract(paid);
        if (other.signum() < 0) {
            throw new MappingException("paid " + paid + " is more than goods " + totalMoney + " - coupon/points "
                    + settlement + " + freight " + freight);
        }
        List<BigDecimal> remaining = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            remaining.add(price.get(i).subtract(settlementShares.get(i)));
        }
        List<BigDecimal> otherShares = Money.allocate(other, remaining);

        List<Line> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            result.add(new Line(old.get(i), memberShares.get(i), settlementShares.get(i), otherShares.get(i),
                    price.get(i)));
        }
        return new TradeAmounts(List.copyOf(result), originalMoney, member, settlement, other, Money.ZERO, freight,
                Money.ZERO, totalMoney, paid, cents(a.refunded(), "back_price"));
    }

    /**
     * The member discount per line: the mall's own per-line figures when they add up to the order's (the mall
     * already shared it), otherwise the order's figure shared in proportion to the lines' list totals.
     */
    private static List<BigDecimal> memberShares(List<OrderLine> lines, BigDecimal member, List<BigDecimal> old) {
        List<BigDecimal> mall = lines.stream().map(l -> l.memberDiscount() == null ? Money.ZERO
                : Money.cents(l.memberDiscount())).toList();
        boolean usable = Money.same(Money.sum(mall), member);
        for (int i = 0; usable && i < mall.size(); i++) {
            usable = mall.get(i).signum() >= 0 && mall.get(i).compareTo(old.get(i)) <= 0;
        }
        return usable ? mall : Money.allocate(member, old);
    }

    private static BigDecimal cents(BigDecimal amount, String field) {
        BigDecimal value = amount == null ? Money.ZERO : amount;
        if (value.signum() < 0) {
            throw new MappingException(field + " is negative: " + value);
        }
        if (value.stripTrailingZeros().scale() > Money.SCALE) {
            throw new MappingException(field + " has fractions of a cent: " + value);
        }
        return Money.cents(value);
    }
}
