package com.mallsync.erpsync.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.money.LineMoney;
import com.mallsync.model.money.MoneyReading;
import com.mallsync.model.money.OrderMoney;

/**
 * The ERP's money nodes of one order, from the common money model ({@link OrderMoney}, MALL-FIELDS.md): every
 * master node is the exact sum of its line node.
 *
 * <p>The seed's worked example fixes the shape: OriginalMoney 106.4 = Σ OldPrice; ContractFeeBefore 26.6 =
 * Σ ContractFeeItem; Price = OldPrice − ContractFeeItem; TotalMoney = Σ Price = 79.8 = FactMoney. From there, per
 * line (line totals, not unit prices: the example has GoodsNumber 1 everywhere, and totals add up to the cent):
 * <ul>
 *   <li>OldPrice = {@code total_original_price}; ContractFeeItem (订单优惠分摊: 营销策略, 会员卡折扣) = the line's
 *       member discount, negative for a member mark-up (Price then above OldPrice); Price = OldPrice −
 *       ContractFeeItem;</li>
 *   <li>ReductionFeeItem (结算优惠分摊: 卡券、积分) = the line's share of coupon + points; master ContractFee =
 *       {@code coupon_discount_price + integral_deduction_price};</li>
 *   <li>OtherFeeItem (其它优惠分摊) = the rest of what the buyer did not pay: full-reduce and the merchant's edits
 *       (of the line and its share of an edit of the whole order), negative where they marked it up;</li>
 *   <li>ReductionFee and LateFee 0; Freight = {@code express_price}; RefundFee 0: {@code back_price} is an edit,
 *       already in OtherFee, never a refund;</li>
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
     * @throws MappingException when the order's money cannot be read as a paid order (the reason names the field)
     */
    public static TradeAmounts of(OrderPaid order) {
        MoneyReading reading = OrderMoney.read(order);
        if (reading instanceof MoneyReading.Unreadable bad) {
            throw new MappingException("mall money: " + bad.reason());
        }
        OrderMoney money = ((MoneyReading.Read) reading).money();
        List<Line> lines = new ArrayList<>();
        for (LineMoney l : money.lines()) {
            lines.add(new Line(l.original(), l.memberDiscount(), l.couponAndPointsShare(), l.otherDiscount(),
                    l.afterMember()));
        }
        return new TradeAmounts(List.copyOf(lines), money.original(), money.memberDiscount(), money.couponAndPoints(),
                money.otherDiscount(), Money.ZERO, money.freight(), Money.ZERO,
                Money.sum(lines.stream().map(Line::price).toList()), money.paid(), Money.ZERO);
    }

    /**
     * The money of a return of some of these lines (and the freight or not), with the very figures the sale carried
     * for them: every master node is the sum of those lines' nodes, FactMoney = TotalMoney − ContractFee − OtherFee
     * − ReductionFee + Freight + LateFee as for a sale, and RefundFee = FactMoney (what goes back to the buyer).
     * Σ over the lines' Price − ReductionFeeItem − OtherFeeItem is what the buyer paid for them
     * ({@code LineMoney.paid}).
     *
     * @param indices     the returned lines (indices into {@link #lines}), in the sale's order
     * @param withFreight whether the freight goes back too
     */
    public TradeAmounts returnOf(List<Integer> indices, boolean withFreight) {
        List<Line> returned = indices.stream().map(lines::get).toList();
        BigDecimal original = Money.sum(returned.stream().map(Line::oldPrice).toList());
        BigDecimal member = Money.sum(returned.stream().map(Line::contractFeeItem).toList());
        BigDecimal couponAndPoints = Money.sum(returned.stream().map(Line::reductionFeeItem).toList());
        BigDecimal other = Money.sum(returned.stream().map(Line::otherFeeItem).toList());
        BigDecimal total = Money.sum(returned.stream().map(Line::price).toList());
        BigDecimal freightBack = withFreight ? freight : Money.ZERO;
        BigDecimal fact = total.subtract(couponAndPoints).subtract(other).add(freightBack);
        return new TradeAmounts(returned, original, member, couponAndPoints, other, Money.ZERO, freightBack,
                Money.ZERO, total, fact, fact);
    }
}
