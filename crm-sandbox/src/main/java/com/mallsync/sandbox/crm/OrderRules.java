package com.mallsync.sandbox.crm;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The rules of 2030 for one order, as the CRM enforces them: section 1.4 of the seed
 * ("saleTime必须在一年以内,DiscountMoney不能小于0,退货金额和数量必须都为负数,商品明细不能为空,
 * 明细的合计Amount必须等于主数据的TotalMoney,明细的合计Quantity必须等于主数据的TotalQty") and the lengths of the field
 * table. Written independently of member-sync's own checks, so the two can catch each other's mistakes.
 */
final class OrderRules {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** How far ahead of the sandbox's clock a saleTime may be: "在一年以内" is the past year, up to clock skew. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private volatile boolean payAmountIsRows = true;

    OrderRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether PayAmount (实际支付金额) must equal Σ Dtls.Amount: true (the default) for a shop that leaves freight out
     * of 2030 or sends it as a row, so the rows are everything the buyer paid for; false for one that adds freight
     * to PayAmount only. The seed's own sample has PayAmount 450.00 = TotalMoney 450.00.
     */
    void payAmountIsRows(boolean value) {
        payAmountIsRows = value;
    }

    boolean payAmountIsRows() {
        return payAmountIsRows;
    }

    /** The first rule the order breaks, as a message naming the order, or empty when it may be stored. */
    Optional<String> firstViolation(JsonNode order) {
        String code = order.path("Code").isString() ? order.path("Code").stringValue() : "?";
        return Optional.ofNullable(check(order)).map(m -> "订单 " + code + ": " + m);
    }

    private String check(JsonNode o) {
        if (!o.isObject()) {
            return "not a JSON object";
        }
        String m;
        if ((m = text(o, "ShopCode", 16, true)) != null || (m = text(o, "Code", 26, true)) != null
                || (m = text(o, "OriginalCode", 26, false)) != null || (m = text(o, "BuyerCode", 32, true)) != null
                || (m = text(o, "RecvConsignee", 32, false)) != null || (m = text(o, "RecvMobile", 16, false)) != null
                || (m = text(o, "RecvTel", 16, false)) != null || (m = text(o, "RecvAddress", 128, false)) != null
                || (m = text(o, "RecvProvince", 32, false)) != null || (m = text(o, "RecvCity", 64, false)) != null
                || (m = text(o, "RecvCounty", 64, false)) != null) {
            return m;
        }
        if ((m = integer(o, "TotalQty")) != null || (m = integer(o, "DataOrigin")) != null
                || (m = money(o, "TotalMoney", true)) != null || (m = money(o, "PayAmount", true)) != null
                || (m = money(o, "DiscountMoney", false)) != null) {
            return m;
        }
        if ((m = time(o, "OrderTime", true)) != null || (m = time(o, "PayTime", false)) != null) {
            return m;
        }
        if (!discountNotNegative(o)) {
            return "DiscountMoney不能小于0 (DiscountMoney must not be negative)";
        }
        JsonNode dtls = o.path("Dtls");
        if (!dtls.isArray() || dtls.isEmpty()) {
            return "商品明细不能为空 (Dtls must not be empty)";
        }
        BigDecimal amountSum = BigDecimal.ZERO;
        long qtySum = 0;
        int i = 0;
        for (JsonNode d : dtls) {
            String where = "Dtls[" + i++ + "].";
            if (!d.isObject()) {
                return where + " is not an object";
            }
            if ((m = text(d, "BarCode", 30, true)) != null || (m = integer(d, "Quantity")) != null
                    || (m = money(d, "Amount", true)) != null || (m = money(d, "PriceSell", false)) != null
                    || (m = money(d, "PriceOriginal", false)) != null || (m = money(d, "DiscountMoney", false)) != null) {
                return where + m;
            }
            if (!discountNotNegative(d)) {
                return where + "DiscountMoney不能小于0 (DiscountMoney must not be negative)";
            }
            amountSum = amountSum.add(d.get("Amount").decimalValue());
            qtySum += d.get("Quantity").longValue();
        }
        if (amountSum.compareTo(o.get("TotalMoney").decimalValue()) != 0) {
            return "明细的合计Amount必须等于主数据的TotalMoney (sum of Dtls.Amount " + amountSum.toPlainString()
                    + " != TotalMoney " + o.get("TotalMoney").decimalValue().toPlainString() + ")";
        }
        if (qtySum != o.get("TotalQty").longValue()) {
            return "明细的合计Quantity必须等于主数据的TotalQty (sum of Dtls.Quantity " + qtySum + " != TotalQty "
                    + o.get("TotalQty").longValue() + ")";
        }
        if (payAmountIsRows && amountSum.compareTo(o.get("PayAmount").decimalValue()) != 0) {
            return "实际支付金额PayAmount必须等于明细的合计Amount (this shop's freight is not in PayAmount alone: "
                    + "PayAmount " + o.get("PayAmount").decimalValue().toPlainString() + " != sum of Dtls.Amount "
                    + amountSum.toPlainString() + ")";
        }
        return signs(o);
    }

    /**
     * "退货金额和数量必须都为负数": a return (it names its sale in OriginalCode, 关联单号(退货单关联)) is negative throughout;
     * a sale is not negative anywhere, and is refused under its own name when it is.
     */
    private static String signs(JsonNode o) {
        boolean isReturn = o.hasNonNull("OriginalCode");
        for (JsonNode d : o.get("Dtls")) {
            long qty = d.get("Quantity").longValue();
            int amount = d.get("Amount").decimalValue().signum();
            if (isReturn && (qty >= 0 || amount >= 0)) {
                return "退货金额和数量必须都为负数 (a return's amounts and quantities must all be negative)";
            }
            if (!isReturn && (qty <= 0 || amount < 0)) {
                return "销售单数量必须为正数, 金额不能为负数 (a sale's quantities must be positive, amounts not negative)";
            }
        }
        if (isReturn && (o.get("TotalQty").longValue() >= 0 || o.get("TotalMoney").decimalValue().signum() >= 0
                || o.get("PayAmount").decimalValue().signum() >= 0)) {
            return "退货金额和数量必须都为负数 (a return's amounts and quantities must all be negative)";
        }
        if (!isReturn && (o.get("TotalQty").longValue() <= 0 || o.get("TotalMoney").decimalValue().signum() < 0)) {
            return "销售单数量必须为正数, 金额不能为负数 (a sale without OriginalCode must not be negative)";
        }
        return null;
    }

    private static boolean discountNotNegative(JsonNode node) {
        JsonNode d = node.get("DiscountMoney");
        return d == null || d.isNull() || d.decimalValue().signum() >= 0;
    }

    private static String text(JsonNode o, String field, int max, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return required ? field + "不能为空 (" + field + " is required)" : null;
        }
        if (!v.isString()) {
            return field + "必须是字符串 (" + field + " must be a string)";
        }
        String s = v.stringValue();
        int len = s.codePointCount(0, s.length());
        if (len < 1 || len > max) {
            return field + "长度必须在1~" + max + "之间 (" + field + " length " + len + " not within 1.." + max + ")";
        }
        return null;
    }

    private static String integer(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return field + "不能为空 (" + field + " is required)";
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            return field + "必须是整数 (" + field + " must be an int)";
        }
        return null;
    }

    private static String money(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return required ? field + "不能为空 (" + field + " is required)" : null;
        }
        if (!v.isNumber()) {
            return field + "必须是数字 (" + field + " must be a number)";
        }
        if (v.decimalValue().stripTrailingZeros().scale() > 2) {
            return field + "最多2位小数 (" + field + " has more than 2 decimals)";
        }
        return null;
    }

    private String time(JsonNode o, String field, boolean saleTime) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || !v.isString()) {
            return field + "不能为空, 格式yyyy-MM-dd HH:mm:ss (" + field + " is required as yyyy-MM-dd HH:mm:ss)";
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(v.stringValue(), TIME);
        } catch (DateTimeParseException e) {
            return field + "格式必须是yyyy-MM-dd HH:mm:ss (" + field + " is not yyyy-MM-dd HH:mm:ss: "
                    + v.stringValue() + ")";
        }
        if (saleTime) {
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZONE));
            if (t.isBefore(now.minusYears(1))) {
                return "saleTime必须在一年以内 (" + field + " " + v.stringValue() + " is more than a year ago)";
            }
            if (t.isAfter(now.plus(CLOCK_SKEW))) {
                return "saleTime必须在一年以内 (" + field + " " + v.stringValue() + " is in the future; the past year "
                        + "is allowed, up to " + CLOCK_SKEW.toMinutes() + " minutes of clock skew)";
            }
        }
        return null;
    }
}
