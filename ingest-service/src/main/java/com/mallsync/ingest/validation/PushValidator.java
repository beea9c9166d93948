package com.mallsync.ingest.validation;

import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.mallsync.model.MallTime;
import tools.jackson.databind.JsonNode;

/**
 * Checks a push's fields before anything is mapped or published, naming the first offending field. Pure: no Spring,
 * no I/O. Types are checked here rather than left to data binding so that every refusal names its field and a
 * hostile value (a 300-digit amount, {@code 1e999999999}) never reaches {@link BigDecimal} arithmetic.
 */
public final class PushValidator {

    /** Amounts the mall sends: "3.00"; also accepted as JSON numbers. At most 2 decimals, at most 12 integer digits. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    /**
     * Amounts the mall signs (MALL-FIELDS.md): {@code member_discount_price} and {@code back_price}, of the order and
     * of a line, are positive for a discount and negative for a mark-up. Every other amount is never negative.
     */
    static final Set<String> SIGNED_AMOUNTS = Set.of("member_discount_price", "back_price");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final int MAX_ORDER_NO = 64;
    private static final int MAX_QUANTITY = 1_000_000;
    private static final int MAX_LINES = 1_000;

    static final List<String> REQUIRED_AMOUNTS = List.of("total_price", "total_pay_price", "total_goods_price");
    static final List<String> OPTIONAL_AMOUNTS = List.of("express_original_price", "express_price",
            "total_goods_original_price", "member_discount_price", "coupon_discount_price",
            "integral_deduction_price", "back_price");
    static final List<String> LINE_AMOUNTS = List.of("unit_price", "total_original_price", "total_price");
    static final List<String> OPTIONAL_LINE_AMOUNTS = List.of("member_discount_price", "back_price");

    private PushValidator() {
    }

    /** The push's {@code mall_id}: a positive integer (a JSON number or a string of digits). */
    public static long mallId(JsonNode push) {
        return positiveId(push, "mall_id", "mall_id");
    }

    /** The push's {@code order_no}: 1 to 64 printable characters, no spaces. */
    public static String orderNo(JsonNode push) {
        JsonNode node = push.get("order_no");
        if (node == null || node.isNull()) {
            throw new InvalidPushException("order_no", "is required");
        }
        if (!node.isString() && !node.isIntegralNumber()) {
            throw new InvalidPushException("order_no", "must be a string");
        }
        String value = node.isString() ? node.stringValue() : node.asString();
        if (value.isEmpty() || value.length() > MAX_ORDER_NO) {
            throw new InvalidPushException("order_no", "must have 1 to " + MAX_ORDER_NO + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidPushException("order_no", "must not contain spaces or control characters");
            }
        }
        return value;
    }

    /** Whether the push says the order is paid: {@code is_pay} is 1 (paid) or 0 (not paid). */
    public static boolean isPaid(JsonNode push) {
        JsonNode node = push.get("is_pay");
        if (node == null || node.isNull()) {
            throw new InvalidPushException("is_pay", "is required");
        }
        String text = node.isIntegralNumber() ? node.asString() : node.isString() ? node.stringValue() : null;
        if ("1".equals(text)) {
            return true;
        }
        if ("0".equals(text)) {
            return false;
        }
        throw new InvalidPushException("is_pay", "must be 0 or 1");
    }

    /** Every check a paid order must pass before it is mapped and published. */
    public static void validatePaidOrder(JsonNode push) {
        for (String field : REQUIRED_AMOUNTS) {
            amount(push, field, field, true);
        }
        for (String field : OPTIONAL_AMOUNTS) {
            amount(push, field, field, false);
        }
        time(push, "pay_time", "pay_time", true);
        time(push, "created_at", "created_at", false);
        // the lifecycle's times (MALL-FIELDS.md "Payment and state"); the seed's "0000-00-00 00:00:00" reads as none
        for (String field : List.of("confirm_time", "cancel_time", "updated_at")) {
            time(push, field, field, false);
        }
        optionalKind(push, "user", "user", true);
        optionalKind(push, "parent", "parent", true);
        for (String field : List.of("id", "user_id", "mch_id", "use_user_coupon_id", "use_integral_num",
                "address_id", "pay_type", "status", "is_wxpay")) {
            optionalInteger(push, field, field);
        }
        for (String field : List.of("cancel_status", "is_confirm")) {
            optionalFlag(push, field, field);
        }
        JsonNode detail = push.get("detail");
        if (detail == null || detail.isNull()) {
            throw new InvalidPushException("detail", "is required");
        }
        if (!detail.isArray()) {
            throw new InvalidPushException("detail", "must be an array of lines");
        }
        if (detail.isEmpty()) {
            throw new InvalidPushException("detail", "must not be empty");
        }
        if (detail.size() > MAX_LINES) {
            throw new InvalidPushException("detail", "must have at most " + MAX_LINES + " lines");
        }
        for (int i = 0; i < detail.size(); i++) {
            line(detail.get(i), "detail[" + i + "]");
        }
    }

    private static void line(JsonNode line, String path) {
        if (!line.isObject()) {
            throw new InvalidPushException(path, "must be an object");
        }
        JsonNode num = line.get("num");
        String numPath = path + ".num";
        if (num == null || num.isNull()) {
            throw new InvalidPushException(numPath, "is required");
        }
        long quantity = integer(num, numPath);
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new InvalidPushException(numPath, "must be between 1 and " + MAX_QUANTITY);
        }
        for (String field : LINE_AMOUNTS) {
            amount(line, field, path + "." + field, true);
        }
        for (String field : OPTIONAL_LINE_AMOUNTS) {
            amount(line, field, path + "." + field, false);
        }
        for (String field : List.of("id", "order_id", "goods_id")) {
            optionalInteger(line, field, path + "." + field);
        }
        Integer isRefund = optionalFlag(line, "is_refund", path + ".is_refund");
        Integer refundStatus = optionalFlag(line, "refund_status", path + ".refund_status");
        JsonNode id = line.get("id");
        if (isRefund != null && isRefund == 1 && refundStatus != null && refundStatus == 2
                && (id == null || id.isNull())) {
            // the refund's event is named by its line (OrderEvent.eventId(mall, order, line)): without it, no event
            throw new InvalidPushException(path + ".id",
                    "is required on a refunded line (is_refund 1, refund_status 2)");
        }
        time(line, "created_at", path + ".created_at", false);
        optionalKind(line, "goods_info", path + ".goods_info", true);
        optionalKind(line, "attr_list", path + ".attr_list", false);
        JsonNode info = line.get("goods_info");
        if (info != null && info.isObject()) {
            optionalKind(info, "goods_attr", path + ".goods_info.goods_attr", true);
            optionalKind(info, "attr_list", path + ".goods_info.attr_list", false);
        }
    }

    /**
     * Parses an amount field: a decimal string or number, at most 2 decimals and 12 integer digits; negative only
     * for the {@link #SIGNED_AMOUNTS} (a mark-up), written {@code "-2.00"}.
     */
    static Optional<BigDecimal> amount(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidPushException(path, "is required");
            }
            return Optional.empty();
        }
        String text;
        if (node.isString()) {
            text = node.stringValue().trim();
        } else if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            // 1e999999999 is a short token but a billion-digit plain string: judge scale before printing it
            if (value.precision() - value.scale() > 12 || value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
                throw new InvalidPushException(path, "must be a decimal amount like \"3.00\" (at most 2 decimals)");
            }
            text = value.toPlainString();
        } else {
            throw new InvalidPushException(path, "must be a decimal amount like \"3.00\"");
        }
        boolean signed = SIGNED_AMOUNTS.contains(field);
        if (text.startsWith("-")) {
            if (!signed) {
                throw new InvalidPushException(path, "must not be negative");
            }
            text = text.substring(1);
            if (!AMOUNT.matcher(text).matches()) {
                throw new InvalidPushException(path, "must be a decimal amount like \"-2.00\" (at most 2 decimals)");
            }
            return Optional.of(new BigDecimal(text).negate());
        }
        if (!AMOUNT.matcher(text).matches()) {
            throw new InvalidPushException(path, "must be a decimal amount like \"3.00\" (at most 2 decimals)");
        }
        return Optional.of(new BigDecimal(text));
    }

    private static void time(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidPushException(path, "is required");
            }
            return;
        }
        if (!node.isString()) {
            throw new InvalidPushException(path, "must be a time like \"2025-03-20 16:58:12\"");
        }
        try {
            if (MallTime.parse(node.stringValue()).isEmpty() && required) {
                throw new InvalidPushException(path, "must be a real time, not empty or a zero date");
            }
        } catch (DateTimeParseException e) {
            throw new InvalidPushException(path, "must be a time like \"2025-03-20 16:58:12\"");
        }
    }

    private static void optionalKind(JsonNode parent, String field, String path, boolean object) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        if (object && !node.isObject()) {
            throw new InvalidPushException(path, "must be an object");
        }
        if (!object) {
            if (!node.isArray()) {
                throw new InvalidPushException(path, "must be an array");
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isObject()) {
                    throw new InvalidPushException(path + "[" + i + "]", "must be an object");
                }
            }
        }
    }

    private static void optionalInteger(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node != null && !node.isNull()) {
            integer(node, path);
        }
    }

    /** A state code ({@code is_refund}, {@code cancel_status}, ...): an integer within {@code int}, if present. */
    private static Integer optionalFlag(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        long value = integer(node, path);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidPushException(path, "must be an integer like 0, 1 or 2");
        }
        return (int) value;
    }

    private static long positiveId(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidPushException(path, "is required");
        }
        long value = integer(node, path);
        if (value <= 0) {
            throw new InvalidPushException(path, "must be a positive integer");
        }
        return value;
    }

    /** An integer given as a JSON integer or a string of digits, within {@code long}. */
    private static long integer(JsonNode node, String path) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            if (DIGITS.matcher(text).matches()) {
                return Long.parseLong(text);
            }
        }
        throw new InvalidPushException(path, "must be an integer");
    }
}
