package com.mallsync.sandbox.erp;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a return (TH 1, seed "TH int 是否退货,0为否,1为是") must satisfy against the sale it belongs to, read from the
 * seed and from the sale the sandbox holds, not from any client's code:
 * <ul>
 *   <li>it names its sale: the master's {@code TradeID} (the shop's order number the sale carried) of a sale
 *       (TH 0) stored for the same {@code UID};</li>
 *   <li>{@code RefundFee} ("退款金额") is not negative, and with the earlier returns of that sale it adds up to at
 *       most the sale's {@code FactMoney};</li>
 *   <li>{@code RefundTime} ("退款时间") is a real time (not the seed's "never", {@code 1900/1/1 0:00:00}) and not
 *       before the sale's {@code PayTime};</li>
 *   <li>each detail's goods ({@code GoodsID}) are goods of the sale, and with the earlier returns their
 *       {@code GoodsNumber} adds up to at most what the sale holds of them.</li>
 * </ul>
 */
final class ReturnCheck {

    /** The seed's "never" ({@code RefundTime="1900/1/1 0:00:00"} of its sale example). */
    private static final LocalDateTime NEVER = LocalDateTime.of(1900, 1, 1, 0, 0);

    private ReturnCheck() {
    }

    /** The TradeID that links a return to its sale; refused when the return has none. */
    static String tradeId(TradeRequest request) {
        String tradeId = request.master().get("TradeID");
        if (tradeId == null || tradeId.isBlank()) {
            throw new CheckFailure(CheckFailure.RETURN, "a return (TH 1) must name its sale's TradeID");
        }
        return tradeId;
    }

    /**
     * @param sale    the sale of the return's UID + TradeID, or {@code null}
     * @param earlier the returns of that sale stored before
     * @throws CheckFailure when the return does not fit its sale
     */
    static void check(TradeRequest request, StoredOrder sale, List<StoredOrder> earlier) {
        String tradeId = tradeId(request);
        if (sale == null) {
            throw new CheckFailure(CheckFailure.RETURN, "no sale (TH 0) with TradeID " + tradeId + " for UID "
                    + request.uid() + ": nothing to return");
        }
        BigDecimal refund = money(request.master(), "RefundFee");
        if (refund.signum() < 0) {
            throw new CheckFailure(CheckFailure.RETURN, "RefundFee " + refund.toPlainString() + " is negative");
        }
        BigDecimal paid = money(sale.master(), "FactMoney");
        BigDecimal before = earlier.stream().map(r -> money(r.master(), "RefundFee"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (before.add(refund).compareTo(paid) > 0) {
            throw new CheckFailure(CheckFailure.RETURN, "RefundFee " + refund.toPlainString() + " with the "
                    + earlier.size() + " earlier return(s) of TradeID " + tradeId + " (" + before.toPlainString()
                    + ") exceeds the sale's FactMoney " + paid.toPlainString());
        }
        LocalDateTime refundTime = time(request.master(), "RefundTime");
        if (refundTime.equals(NEVER)) {
            throw new CheckFailure(CheckFailure.RETURN, "a return's RefundTime must be when it was refunded, not "
                    + request.master().get("RefundTime"));
        }
        if (refundTime.isBefore(time(sale.master(), "PayTime"))) {
            throw new CheckFailure(CheckFailure.RETURN, "RefundTime " + request.master().get("RefundTime")
                    + " is before the sale's PayTime " + sale.master().get("PayTime"));
        }
        Map<String, BigDecimal> sold = quantities(sale.details());
        Map<String, BigDecimal> returned = new HashMap<>();
        earlier.forEach(r -> quantities(r.details()).forEach((g, n) -> returned.merge(g, n, BigDecimal::add)));
        quantities(request.details()).forEach((goods, n) -> {
            BigDecimal held = sold.get(goods);
            if (held == null) {
                throw new CheckFailure(CheckFailure.RETURN, "GoodsID " + goods + " is not in the sale of TradeID "
                        + tradeId);
            }
            BigDecimal total = returned.getOrDefault(goods, BigDecimal.ZERO).add(n);
            if (total.compareTo(held) > 0) {
                throw new CheckFailure(CheckFailure.RETURN, "GoodsID " + goods + ": " + total.toPlainString()
                        + " returned in all, the sale of TradeID " + tradeId + " holds " + held.toPlainString());
            }
        });
    }

    private static Map<String, BigDecimal> quantities(List<Map<String, String>> details) {
        Map<String, BigDecimal> byGoods = new HashMap<>();
        details.forEach(d -> byGoods.merge(d.get("GoodsID"), money(d, "GoodsNumber"), BigDecimal::add));
        return byGoods;
    }

    private static BigDecimal money(Map<String, String> row, String node) {
        return new BigDecimal(row.get(node).trim());
    }

    private static LocalDateTime time(Map<String, String> row, String node) {
        return LocalDateTime.parse(row.get(node).trim(), TradeCheck.TIME);
    }
}
