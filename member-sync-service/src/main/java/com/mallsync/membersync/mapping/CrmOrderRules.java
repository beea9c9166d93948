package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.mallsync.model.MallTime;
import com.mallsync.model.Money;

/**
 * The 2030 rules one order must pass before it is sent: section 1.4 of the seed and the lengths of its field table.
 * A pure function of the order and the current instant; the reason names the rule as the seed words it.
 * Batch rules (≤ 100 rows, one ShopCode, Code unique in a batch) are the batcher's by construction.
 */
public final class CrmOrderRules {

    static final String SALE_TIME = "1.4 saleTime必须在一年以内";
    static final String DISCOUNT = "1.4 DiscountMoney不能小于0";
    static final String RETURN_SIGNS = "1.4 退货金额和数量必须都为负数";
    static final String DTLS_EMPTY = "1.4 商品明细不能为空";
    static final String AMOUNT_SUM = "1.4 明细的合计Amount必须等于主数据的TotalMoney";
    static final String QTY_SUM = "1.4 明细的合计Quantity必须等于主数据的TotalQty";
    static final String LENGTH = "字段长度";
    /** Not a sentence of the seed: 1.4 makes negative rows a return's, so a sale's rows must not be negative. */
    static final String SALE_SIGNS = "销售明细数量必须为正数、金额不能为负数 (1.4 退货金额和数量必须都为负数: only returns are negative)";
    /** How far ahead of our clock an OrderTime may be ("saleTime必须在一年以内" reads as the past year). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final String MARK_UP = " (the buyer paid more than the list price: a mark-up 2030 cannot carry)";

    private CrmOrderRules() {
    }

    /** The first rule the order breaks, or empty when it may be sent. */
    public static Optional<String> firstViolation(CrmOrder o, Instant now) {
        return Optional.ofNullable(check(o, now));
    }

    private static String check(CrmOrder o, Instant now) {
        String m;
        if ((m = length("ShopCode", o.shopCode(), 16, true)) != null || (m = length("Code", o.code(), 26, true)) != null
                || (m = length("OriginalCode", o.originalCode(), 26, false)) != null
                || (m = length("BuyerCode", o.buyerCode(), 32, true)) != null
                || (m = length("RecvConsignee", o.recvConsignee(), 32, false)) != null
                || (m = length("RecvMobile", o.recvMobile(), 16, false)) != null
                || (m = length("RecvTel", o.recvTel(), 16, false)) != null
                || (m = length("RecvAddress", o.recvAddress(), 128, false)) != null
                || (m = length("RecvProvince", o.recvProvince(), 32, false)) != null
                || (m = length("RecvCity", o.recvCity(), 64, false)) != null
                || (m = length("RecvCounty", o.recvCounty(), 64, false)) != null) {
            return m;
        }
        if (o.totalMoney() == null || o.payAmount() == null) {
            return "TotalMoney and PayAmount are required";
        }
        if ((m = cents("TotalMoney", o.totalMoney())) != null || (m = cents("PayAmount", o.payAmount())) != null
                || (m = cents("DiscountMoney", o.discountMoney())) != null) {
            return m;
        }
        if (o.payTime() == null) {
            return "PayTime is required (yyyy-MM-dd HH:mm:ss)";
        }
        if ((m = saleTime(o.orderTime(), now)) != null) {
            return m;
        }
        if (o.discountMoney() != null && Money.isNegative(o.discountMoney())) {
            return DISCOUNT + ": DiscountMoney=" + o.discountMoney().toPlainString() + MARK_UP;
        }
        if (o.dtls().isEmpty()) {
            return DTLS_EMPTY;
        }
        BigDecimal amounts = Money.ZERO;
        long quantities = 0;
        for (int i = 0; i < o.dtls().size(); i++) {
            CrmOrder.Line d = o.dtls().get(i);
            String row = "Dtls[" + i + "].";
            if ((m = length(row + "BarCode", d.barCode(), 30, true)) != null) {
                return m;
            }
            if (d.amount() == null) {
                return row + "Amount is required";
            }
            if ((m = cents(row + "Amount", d.amount())) != null || (m = cents(row + "PriceSell", d.priceSell())) != null
                    || (m = cents(row + "PriceOriginal", d.priceOriginal())) != null
                    || (m = cents(row + "DiscountMoney", d.discountMoney())) != null) {
                return m;
            }
            if (d.discountMoney() != null && Money.isNegative(d.discountMoney())) {
                return DISCOUNT + ": " + row + "DiscountMoney=" + d.discountMoney().toPlainString() + MARK_UP;
            }
            amounts = amounts.add(d.amount());
            quantities += d.quantity();
        }
        if (!Money.same(amounts, o.totalMoney())) {
            return AMOUNT_SUM + ": Σ Amount " + amounts.toPlainString() + " != TotalMoney "
                    + o.totalMoney().toPlainString();
        }
        if (quantities != o.totalQty()) {
            return QTY_SUM + ": Σ Quantity " + quantities + " != TotalQty " + o.totalQty();
        }
        return signs(o);
    }

    /**
     * A return (it has an OriginalCode) is negative throughout (1.4): TotalQty, TotalMoney, PayAmount and every row's
     * Quantity and Amount (its DiscountMoney, like any, not below 0); a sale (no OriginalCode) has positive
     * quantities and no negative money, and is refused under its own name when it has any.
     */
    private static String signs(CrmOrder o) {
        if (o.originalCode() != null) {
            boolean negativeThroughout = o.totalQty() < 0 && Money.isNegative(o.totalMoney())
                    && Money.isNegative(o.payAmount())
                    && o.dtls().stream().allMatch(d -> d.quantity() < 0 && Money.isNegative(d.amount()));
            return negativeThroughout ? null : RETURN_SIGNS;
        }
        for (int i = 0; i < o.dtls().size(); i++) {
            CrmOrder.Line d = o.dtls().get(i);
            if (d.quantity() <= 0 || Money.isNegative(d.amount())) {
                return SALE_SIGNS + ": Dtls[" + i + "] Quantity " + d.quantity() + ", Amount "
                        + d.amount().toPlainString();
            }
        }
        if (Money.isNegative(o.totalMoney()) || Money.isNegative(o.payAmount())) {
            return SALE_SIGNS + ": TotalMoney " + o.totalMoney().toPlainString() + ", PayAmount "
                    + o.payAmount().toPlainString();
        }
        return null;
    }

    private static String saleTime(String orderTime, Instant now) {
        if (orderTime == null) {
            return "OrderTime is required (yyyy-MM-dd HH:mm:ss)";
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(orderTime, MallTime.FORMAT);
        } catch (DateTimeParseException e) {
            return "OrderTime is not yyyy-MM-dd HH:mm:ss: " + orderTime;
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, MallTime.ZONE);
        if (t.isBefore(local.minusYears(1))) {
            return SALE_TIME + ": OrderTime " + orderTime + " is more than a year ago";
        }
        if (t.isAfter(local.plus(CLOCK_SKEW))) {
            return SALE_TIME + ": OrderTime " + orderTime + " is in the future (the past year is allowed, up to "
                    + CLOCK_SKEW.toMinutes() + " minutes of clock skew)";
        }
        return null;
    }

    private static String length(String field, String value, int max, boolean required) {
        if (value == null) {
            return required ? LENGTH + ": " + field + " is required (1~" + max + ")" : null;
        }
        int n = value.codePointCount(0, value.length());
        if (n < 1 || n > max) {
            return LENGTH + ": " + field + " has " + n + " characters, 2030 allows 1~" + max;
        }
        return null;
    }

    private static String cents(String field, BigDecimal value) {
        if (value != null && value.stripTrailingZeros().scale() > Money.SCALE) {
            return field + " has more than 2 decimals: " + value.toPlainString();
        }
        return null;
    }
}
