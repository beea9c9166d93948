package com.mallsync.model.mall;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The money of one order computed the way the mall computes it (MALL-FIELDS.md, zjhj v4), for demo and test orders:
 * member price per line (sometimes a mark-up), full-reduce, coupon and points shared into each line's
 * {@code total_price} by the mall's own rounding (each share rounded, the last line takes the rest), freight,
 * sometimes the merchant's edit of a line and of the whole order (a discount or a mark-up, into {@code back_price}),
 * and a payment (WeChat, another online method, balance, cash on delivery).
 *
 * <p>It deliberately does not use {@link com.mallsync.model.money.OrderMoney} or {@code Money.allocate}: tests
 * build orders here and check the mappings against what this class knows ({@link #goodsPaid()},
 * {@link #markedUp()}).
 *
 * @param lines          the goods lines
 * @param expressOriginal {@code express_original_price}
 * @param express        {@code express_price}
 * @param fullReduce     the full-reduce discount shared into the lines (the push has no field for it)
 * @param coupon         {@code coupon_discount_price}
 * @param couponId       {@code use_user_coupon_id}
 * @param points         {@code use_integral_num}
 * @param pointsMoney    {@code integral_deduction_price} (100 points = 1.00)
 * @param orderEdit      the merchant's edit of the whole order (positive a discount, negative a mark-up)
 * @param payType        {@code pay_type}: 1 online, 2 cash on delivery, 3 balance
 * @param wxPay          {@code is_wxpay}
 * @param supportPayTypes {@code support_pay_types}
 */
public record MallCheckout(List<Line> lines, BigDecimal expressOriginal, BigDecimal express, BigDecimal fullReduce,
                           BigDecimal coupon, long couponId, long points, BigDecimal pointsMoney, BigDecimal orderEdit,
                           int payType, int wxPay, String supportPayTypes) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /**
     * One line as the mall stores it.
     *
     * @param unitPrice      {@code unit_price}
     * @param num            {@code num}
     * @param memberDiscount {@code member_discount_price} (negative: the member price is above the price)
     * @param totalPrice     {@code total_price}: net of member, full-reduce, coupon, points and the line's edit
     * @param backPrice      the merchant's edit of this line ({@code back_price})
     */
    public record Line(BigDecimal unitPrice, int num, BigDecimal memberDiscount, BigDecimal totalPrice,
                       BigDecimal backPrice) {
        public BigDecimal totalOriginalPrice() {
            return unitPrice.multiply(BigDecimal.valueOf(num)).setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    /** A goods choice: its price and how many. */
    public record Item(BigDecimal unitPrice, int num) {
    }

    public BigDecimal totalGoodsOriginalPrice() {
        return lines.stream().map(Line::totalOriginalPrice).reduce(ZERO, BigDecimal::add);
    }

    public BigDecimal memberDiscount() {
        return lines.stream().map(Line::memberDiscount).reduce(ZERO, BigDecimal::add);
    }

    /** {@code total_goods_price}: the lines after every discount and line edit, less the order edit. */
    public BigDecimal totalGoodsPrice() {
        return lines.stream().map(Line::totalPrice).reduce(ZERO, BigDecimal::add).subtract(orderEdit);
    }

    /** {@code back_price}: every edit, cumulative. */
    public BigDecimal backPrice() {
        return lines.stream().map(Line::backPrice).reduce(ZERO, BigDecimal::add).add(orderEdit);
    }

    /** {@code total_pay_price} = {@code total_goods_price + express_price}. */
    public BigDecimal totalPayPrice() {
        return totalGoodsPrice().add(express);
    }

    /** {@code total_price}: as placed, before the merchant's edits. */
    public BigDecimal totalPrice() {
        return totalPayPrice().add(backPrice()).subtract(express).add(expressOriginal);
    }

    /** What the buyer paid for the goods (freight excluded). */
    public BigDecimal goodsPaid() {
        return totalGoodsPrice();
    }

    /** Whether the order carries a mark-up anywhere: a member mark-up or a merchant's negative edit. */
    public boolean markedUp() {
        return orderEdit.signum() < 0
                || lines.stream().anyMatch(l -> l.memberDiscount().signum() < 0 || l.backPrice().signum() < 0);
    }

    /** A random checkout of {@code items}, shaped as mall orders are (most without edits, a few marked up). */
    public static MallCheckout random(Random random, List<Item> items) {
        int n = items.size();
        List<BigDecimal> original = items.stream()
                .map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.num())).setScale(2, RoundingMode.UNNECESSARY))
                .toList();
        int memberRoll = random.nextInt(100);
        List<BigDecimal> member = new ArrayList<>();
        for (BigDecimal o : original) {
            BigDecimal rate = memberRoll < 25 ? BigDecimal.valueOf(5 + random.nextInt(11))
                    : memberRoll < 29 ? BigDecimal.valueOf(-(1 + random.nextInt(5))) : BigDecimal.ZERO;
            member.add(o.multiply(rate).movePointLeft(2).setScale(2, RoundingMode.DOWN));
        }
        List<BigDecimal> price = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            price.add(original.get(i).subtract(member.get(i)));
        }
        BigDecimal goods = sum(price);
        BigDecimal fullReduce = ZERO;
        if (random.nextInt(8) == 0 && goods.compareTo(BigDecimal.valueOf(100)) >= 0) {
            fullReduce = BigDecimal.valueOf(5 + random.nextInt(16)).setScale(2);
        }
        price = share(price, fullReduce);
        BigDecimal coupon = ZERO;
        long couponId = 0;
        goods = sum(price);
        if (random.nextInt(4) == 0 && goods.compareTo(BigDecimal.TEN) > 0) {
            int max = goods.multiply(new BigDecimal("0.3")).setScale(0, RoundingMode.DOWN).min(BigDecimal.valueOf(30))
                    .intValue();
            coupon = BigDecimal.valueOf(1 + random.nextInt(Math.max(1, max))).setScale(2);
            couponId = 10_000 + random.nextInt(90_000);
        }
        price = share(price, coupon);
        long points = 0;
        BigDecimal pointsMoney = ZERO;
        goods = sum(price);
        if (random.nextInt(10) == 0 && goods.compareTo(BigDecimal.valueOf(6)) > 0) {
            points = 1 + random.nextInt(500);
            pointsMoney = BigDecimal.valueOf(points).movePointLeft(2).setScale(2);
        }
        price = share(price, pointsMoney);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal back = ZERO;
            if (random.nextInt(40) == 0 && price.get(i).compareTo(BigDecimal.ONE) > 0) {
                back = random.nextInt(3) == 0 ? cents(random, BigDecimal.valueOf(5)).negate()
                        : cents(random, price.get(i).min(BigDecimal.valueOf(20)));
            }
            lines.add(new Line(items.get(i).unitPrice(), items.get(i).num(), member.get(i),
                    price.get(i).subtract(back), back));
        }
        BigDecimal linesTotal = lines.stream().map(Line::totalPrice).reduce(ZERO, BigDecimal::add);
        BigDecimal orderEdit = ZERO;
        int editRoll = random.nextInt(100);
        if (editRoll < 6 && linesTotal.compareTo(BigDecimal.ONE) > 0) {
            orderEdit = cents(random, linesTotal.min(BigDecimal.valueOf(50)).multiply(new BigDecimal("0.5")));
        } else if (editRoll < 9) {
            orderEdit = cents(random, BigDecimal.TEN).negate();
        }
        BigDecimal[] freight = freight(random, linesTotal);
        int payRoll = random.nextInt(100);
        int payType = payRoll < 55 ? 1 : payRoll < 75 ? 1 : payRoll < 95 ? 3 : 2;
        int wxPay = payRoll < 55 ? 1 : 0;
        String support = payRoll < 55 ? "[\"wxpay\"]" : payRoll < 75 ? "[\"alipay\"]"
                : payRoll < 95 ? "[\"balance\"]" : "[\"huodao\"]";
        return new MallCheckout(List.copyOf(lines), freight[0], freight[1], fullReduce, coupon, couponId, points,
                pointsMoney, orderEdit, payType, wxPay, support);
    }

    /** Writes every money and payment field into a push (the seed's shape), its {@code detail} lines included. */
    public void writeInto(ObjectNode push) {
        ArrayNode detail = (ArrayNode) push.get("detail");
        if (detail == null || detail.size() != lines.size()) {
            throw new IllegalArgumentException("the push needs one detail line per checkout line");
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            ObjectNode line = (ObjectNode) detail.get(i);
            line.put("num", l.num());
            line.put("unit_price", text(l.unitPrice()));
            line.put("total_original_price", text(l.totalOriginalPrice()));
            line.put("total_price", text(l.totalPrice()));
            line.put("member_discount_price", text(l.memberDiscount()));
            line.put("back_price", text(l.backPrice()));
        }
        push.put("total_price", text(totalPrice()));
        push.put("total_pay_price", text(totalPayPrice()));
        push.put("express_original_price", text(expressOriginal));
        push.put("express_price", text(express));
        push.put("total_goods_price", text(totalGoodsPrice()));
        push.put("total_goods_original_price", text(totalGoodsOriginalPrice()));
        push.put("member_discount_price", text(memberDiscount()));
        push.put("use_user_coupon_id", couponId);
        push.put("coupon_discount_price", text(coupon));
        push.put("use_integral_num", points);
        push.put("integral_deduction_price", text(pointsMoney));
        push.put("back_price", text(backPrice()));
        push.put("pay_type", payType);
        push.put("is_wxpay", wxPay);
        push.put("support_pay_types", supportPayTypes);
    }

    /**
     * The mall's way of sharing a discount: each line's share rounded down, the dearest line takes the rest (so no
     * share is negative and none is above its line).
     */
    private static List<BigDecimal> share(List<BigDecimal> price, BigDecimal discount) {
        BigDecimal base = sum(price);
        if (discount.signum() == 0 || base.signum() == 0) {
            return price;
        }
        int dearest = 0;
        for (int i = 1; i < price.size(); i++) {
            dearest = price.get(i).compareTo(price.get(dearest)) > 0 ? i : dearest;
        }
        List<BigDecimal> parts = new ArrayList<>();
        BigDecimal given = ZERO;
        for (BigDecimal p : price) {
            BigDecimal part = discount.multiply(p).divide(base, 2, RoundingMode.DOWN);
            parts.add(part);
            given = given.add(part);
        }
        parts.set(dearest, parts.get(dearest).add(discount.subtract(given)).min(price.get(dearest)));
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < price.size(); i++) {
            out.add(price.get(i).subtract(parts.get(i)));
        }
        return out;
    }

    /** [original, charged]: free most of the time, sometimes waived over 99, sometimes edited by the merchant. */
    private static BigDecimal[] freight(Random random, BigDecimal goods) {
        int roll = random.nextInt(20);
        if (roll < 10) {
            return new BigDecimal[] {ZERO, ZERO};
        }
        BigDecimal fee = BigDecimal.valueOf(new int[] {2, 6, 8, 10, 12}[random.nextInt(5)]).setScale(2);
        if (goods.compareTo(BigDecimal.valueOf(99)) >= 0 && roll < 15) {
            return new BigDecimal[] {fee, ZERO};
        }
        if (roll == 19) {
            return new BigDecimal[] {fee, fee.subtract(BigDecimal.ONE)};
        }
        return new BigDecimal[] {fee, fee};
    }

    /** 0.01 up to {@code max}, whole cents. */
    private static BigDecimal cents(Random random, BigDecimal max) {
        long maxCents = Math.max(1, max.movePointRight(2).longValue());
        return BigDecimal.valueOf(1 + (long) (random.nextDouble() * maxCents)).movePointLeft(2).setScale(2)
                .min(max.max(new BigDecimal("0.01")).setScale(2, RoundingMode.DOWN));
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(ZERO, BigDecimal::add);
    }

    private static String text(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
