package com.mallsync.sandbox.crm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * What a return may take back (seed: OriginalCode "关联单号(退货单关联)", 1.4 "退货金额和数量必须都为负数"): a row
 * with an OriginalCode returns goods of the sale with that Code, stored before for the same ShopCode, and no more
 * than that sale holds minus its earlier returns: per BarCode, the quantity and the amount; in all, the money.
 * Written from the seed alone, independently of member-sync. The signs are {@link OrderRules}' (checked before).
 */
final class ReturnRules {

    private ReturnRules() {
    }

    /**
     * The first return of the batch that cannot be stored, as a message naming it, or {@code null}. Returns earlier
     * in the same batch count as earlier returns; a sale in the same batch is not "stored" yet.
     *
     * @param sale      the stored order of a Code of this ShopCode, or {@code null}
     * @param returnsOf the returns stored so far for a sale's Code
     */
    static String check(JsonNode batch, Function<String, StoredOrder> sale,
                        Function<String, List<StoredOrder>> returnsOf) {
        Map<String, List<JsonNode>> inBatch = new HashMap<>();
        for (JsonNode order : batch) {
            if (!order.hasNonNull("OriginalCode")) {
                continue;
            }
            String code = order.get("Code").stringValue();
            String original = order.get("OriginalCode").stringValue();
            StoredOrder sold = sale.apply(original);
            if (sold == null || sold.isReturn()) {
                return "订单 " + code + ": 关联单号" + original + "不存在 (OriginalCode names no stored sale of this "
                        + "ShopCode)";
            }
            List<JsonNode> earlier = new ArrayList<>();
            returnsOf.apply(original).forEach(r -> earlier.add(r.order()));
            earlier.addAll(inBatch.getOrDefault(original, List.of()));
            String m = within(order, sold.order(), earlier);
            if (m != null) {
                return "订单 " + code + ": 退货超出原单" + original + " (" + m + ")";
            }
            inBatch.computeIfAbsent(original, k -> new ArrayList<>()).add(order);
        }
        return null;
    }

    private static String within(JsonNode back, JsonNode sale, List<JsonNode> earlier) {
        Map<String, Left> left = new HashMap<>();
        for (JsonNode d : sale.get("Dtls")) {
            left.computeIfAbsent(d.get("BarCode").stringValue(), k -> new Left()).add(d, 1);
        }
        for (JsonNode r : earlier) {
            for (JsonNode d : r.get("Dtls")) {
                left.computeIfAbsent(d.get("BarCode").stringValue(), k -> new Left()).add(d, 1);
            }
        }
        Map<String, Left> asked = new HashMap<>();
        for (JsonNode d : back.get("Dtls")) {
            asked.computeIfAbsent(d.get("BarCode").stringValue(), k -> new Left()).add(d, -1);
        }
        for (Map.Entry<String, Left> e : asked.entrySet()) {
            Left l = left.get(e.getKey());
            if (l == null) {
                return "BarCode " + e.getKey() + " is not in the sale";
            }
            if (e.getValue().quantity > l.quantity) {
                return "BarCode " + e.getKey() + ": returns quantity " + e.getValue().quantity + ", " + l.quantity
                        + " left of the sale";
            }
            if (e.getValue().amount.compareTo(l.amount) > 0) {
                return "BarCode " + e.getKey() + ": returns amount " + e.getValue().amount.toPlainString() + ", "
                        + l.amount.toPlainString() + " left of the sale";
            }
        }
        BigDecimal money = sale.get("TotalMoney").decimalValue();
        for (JsonNode r : earlier) {
            money = money.add(r.get("TotalMoney").decimalValue());
        }
        BigDecimal returned = back.get("TotalMoney").decimalValue().negate();
        if (returned.compareTo(money) > 0) {
            return "returns TotalMoney " + returned.toPlainString() + ", " + money.toPlainString() + " left of the sale";
        }
        return null;
    }

    /** Quantity and amount per BarCode (a return's rows, negative, added with sign -1 to count what they take). */
    private static final class Left {
        long quantity;
        BigDecimal amount = BigDecimal.ZERO;

        void add(JsonNode row, int sign) {
            quantity += sign * row.get("Quantity").longValue();
            amount = amount.add(row.get("Amount").decimalValue().multiply(BigDecimal.valueOf(sign)));
        }
    }
}
