package com.mallsync.erpsync.mapping;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;

/**
 * An order's returns (TH 1, seed "TH int 是否退货,0为否,1为是", "RefundFee 退款金额", "RefundTime 退款时间") as
 * TradeTransferToErp parameters: a pure function, sharing {@link ErpTradeMapping}'s master, detail and pay rows.
 *
 * <p>A return carries the returned lines exactly as the sale carried them (same OldPrice, ContractFeeItem,
 * ReductionFeeItem, OtherFeeItem, Price, GoodsNumber), amounts positive; its master nodes are the sums of those
 * lines as for a sale, Freight is the freight when it goes back (a cancellation) and 0 otherwise, FactMoney =
 * pay FactMoney = RefundFee = what goes back to the buyer, RefundTime = when. Every other master field (TradeID =
 * the mall's order number, CreateTime, PayTime, buyer, ReceiptID) is the sale's. Its OuterID is its own
 * ({@link #lineOuterId}, {@link #cancelOuterId}): never the sale's, at most String(32), else it is refused.
 */
public final class ErpReturnMapping {

    /** {@code TH} of a return. */
    static final int RETURN = 1;
    /** OuterID of a line's return: the sale's, this, the line's {@code detail[].id}. */
    public static final String LINE_SUFFIX = "-R";
    /** OuterID of a cancellation's return: the sale's and this. */
    public static final String CANCEL_SUFFIX = "-C";

    private ErpReturnMapping() {
    }

    /** The OuterID of the return of line {@code lineId}: {@code {order_no}-R{lineId}}. */
    public static String lineOuterId(OrderPaid order, long lineId) {
        return outerId(order.orderNo() + LINE_SUFFIX + lineId);
    }

    /** The OuterID of the return a cancellation makes: {@code {order_no}-C}. */
    public static String cancelOuterId(OrderPaid order) {
        return outerId(order.orderNo() + CANCEL_SUFFIX);
    }

    /**
     * The return of one refunded line: RefundFee = what the buyer paid for it ({@code LineMoney.paid}), no freight.
     *
     * @throws MappingException when the order has no such line, or the OuterID does not fit
     */
    public static ErpTrade lineReturn(OrderPaid order, MallErpSettings mall, long lineId, OffsetDateTime refundTime) {
        TradeAmounts sale = ErpTradeMapping.checkedAmounts(order, mall);
        String outerId = lineOuterId(order, lineId);
        int index = indexOf(order, lineId);
        if (index < 0) {
            throw new MappingException("the order has no line " + lineId + " to return");
        }
        List<Integer> lines = List.of(index);
        return ErpTradeMapping.trade(order, mall, sale.returnOf(lines, false), lines, outerId, refundTime,
                RETURN);
    }

    /**
     * The return a cancellation makes: every line not in {@code returnedLines} (by {@code detail[].id}) and the
     * freight; RefundFee = what the buyer paid for them = {@code total_pay_price} − what the line returns refunded.
     *
     * @return the lines it returns, as indices; empty when every line is returned already (no return then)
     */
    public static List<Integer> remainingLines(OrderPaid order, Set<Long> returnedLines) {
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            Long id = order.lines().get(i).lineId();
            if (id == null || !returnedLines.contains(id)) {
                rest.add(i);
            }
        }
        return List.copyOf(rest);
    }

    /**
     * @param returnedLines the lines already returned at the ERP (their REFUNDED return delivered)
     * @throws MappingException when nothing is left to return, or the OuterID does not fit
     */
    public static ErpTrade cancelReturn(OrderPaid order, MallErpSettings mall, Set<Long> returnedLines,
                                        OffsetDateTime refundTime) {
        TradeAmounts sale = ErpTradeMapping.checkedAmounts(order, mall);
        String outerId = cancelOuterId(order);
        List<Integer> lines = remainingLines(order, returnedLines);
        if (lines.isEmpty()) {
            throw new MappingException("every line is returned already: nothing left to return");
        }
        return ErpTradeMapping.trade(order, mall, sale.returnOf(lines, true), lines, outerId, refundTime, RETURN);
    }

    private static int indexOf(OrderPaid order, long lineId) {
        List<OrderLine> lines = order.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (Long.valueOf(lineId).equals(lines.get(i).lineId())) {
                return i;
            }
        }
        return -1;
    }

    /** Never cut (two returns could become one): too long for String(32), the return is refused. */
    private static String outerId(String id) {
        if (id.codePointCount(0, id.length()) > ErpTradeMapping.ID_LENGTH) {
            throw new MappingException("the return's OuterID " + id + " has " + id.codePointCount(0, id.length())
                    + " characters; the ERP's OuterID is String(" + ErpTradeMapping.ID_LENGTH + ")");
        }
        return id;
    }
}
