package com.mallsync.model.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.Money;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;

/** The arithmetic of {@link OrderMoney#read}: checks the figures, then shares the order-level amounts. */
final class OrderMoneyReader {

    private OrderMoneyReader() {
    }

    /** Thrown inside the reader only, to leave it with the first figure that breaks a rule. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    static MoneyReading read(OrderPaid order) {
        try {
            return new MoneyReading.Read(money(order));
        } catch (Unreadable e) {
            return new MoneyReading.Unreadable(e.getMessage());
        }
    }

    private static OrderMoney money(OrderPaid order) {
        OrderAmounts a = order.amounts();
        List<OrderLine> lines = order.lines();
        if (a == null || lines.isEmpty()) {
            throw new Unreadable("the order has no amounts or no lines");
        }
        BigDecimal paid = required(a.totalPayPrice(), "total_pay_price");
        BigDecimal freight = cents(a.freight(), "express_price", false);
        BigDecimal freightOriginal = cents(a.freightOriginal(), "express_original_price", false);
        BigDecimal couponAndPoints = cents(a.couponDiscount(), "coupon_discount_price", false)
                .add(cents(a.pointsDeduction(), "integral_deduction_price", false));
        BigDecimal backPrice = cents(a.backPrice(), "back_price", true);
        if (paid.compareTo(freight) < 0) {
            throw new Unreadable("total_pay_price " + paid + " is below express_price " + freight
                    + ": the goods would have been paid less than nothing");
        }

        int n = lines.size();
        List<BigDecimal> original = new ArrayList<>(n);
        List<BigDecimal> linePrice = new ArrayList<>(n);
        List<BigDecimal> lineMember = new ArrayList<>(n);
        List<BigDecimal> lineBack = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OrderLine l = lines.get(i);
            String at = "detail[" + i + "].";
            if (l.quantity() < 1) {
                throw new Unreadable(at + "num " + l.quantity() + " is not a positive quantity");
            }
            original.add(required(l.originalTotal(), at + "total_original_price"));
            linePrice.add(required(l.paidTotal(), at + "total_price"));
            lineMember.add(cents(l.memberDiscount(), at + "member_discount_price", true));
            lineBack.add(cents(l.backPrice(), at + "back_price", true));
        }
        List<BigDecimal> member = memberShares(lineMember, cents(a.memberDiscount(), "member_discount_price", true),
                original);

        BigDecimal orderEdit = Money.sum(linePrice).add(freight).subtract(paid);
        List<BigDecimal> editShares = Money.allocate(orderEdit, linePrice);
        List<BigDecimal> linePaid = new ArrayList<>(n);
        List<BigDecimal> shared = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            linePaid.add(linePrice.get(i).subtract(editShares.get(i)));
            shared.add(original.get(i).subtract(member.get(i)).subtract(linePrice.get(i)).subtract(lineBack.get(i)));
        }
        List<BigDecimal> couponShares = couponShares(couponAndPoints, shared, original, member);

        List<LineMoney> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigDecimal afterMember = original.get(i).subtract(member.get(i));
            BigDecimal other = afterMember.subtract(linePaid.get(i)).subtract(couponShares.get(i));
            result.add(new LineMoney(lines.get(i).quantity(), original.get(i), member.get(i), lineBack.get(i),
                    linePrice.get(i), shared.get(i), editShares.get(i), linePaid.get(i), couponShares.get(i), other));
        }
        return new OrderMoney(result, freight, freightOriginal, paid, orderEdit, couponAndPoints, backPrice);
    }

    /**
     * The member discount per line: the mall's own per-line figures when they add up to the order's, otherwise the
     * order's figure shared over the list totals (a push whose lines leave it out).
     */
    private static List<BigDecimal> memberShares(List<BigDecimal> lineMember, BigDecimal orderMember,
                                                 List<BigDecimal> original) {
        return Money.same(Money.sum(lineMember), orderMember) ? lineMember : Money.allocate(orderMember, original);
    }

    /**
     * Coupon + points per line, in proportion to each line's shared discounts (where the mall put them, with
     * full-reduce); when no line shows any, in proportion to the price after the member discount.
     */
    private static List<BigDecimal> couponShares(BigDecimal couponAndPoints, List<BigDecimal> shared,
                                                 List<BigDecimal> original, List<BigDecimal> member) {
        List<BigDecimal> weights = shared.stream().map(s -> s.max(Money.ZERO)).toList();
        if (Money.sum(weights).signum() == 0) {
            weights = new ArrayList<>();
            for (int i = 0; i < original.size(); i++) {
                weights.add(original.get(i).subtract(member.get(i)).max(Money.ZERO));
            }
        }
        return Money.allocate(couponAndPoints, weights);
    }

    /**
     * What the buyer paid and each line's figures: ingest always writes them (it refuses a push without them), so a
     * record without one did not come from ingest and must not be read as a sale of nothing.
     */
    private static BigDecimal required(BigDecimal amount, String field) {
        if (amount == null) {
            throw new Unreadable(field + " is missing");
        }
        return cents(amount, field, false);
    }

    /** An optional amount: absent reads as 0, as ingest maps an absent optional field. */
    private static BigDecimal cents(BigDecimal amount, String field, boolean signed) {
        BigDecimal value = amount == null ? Money.ZERO : amount;
        if (!signed && value.signum() < 0) {
            throw new Unreadable(field + " is negative: " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > Money.SCALE) {
            throw new Unreadable(field + " has fractions of a cent: " + value.toPlainString());
        }
        return Money.cents(value);
    }
}
