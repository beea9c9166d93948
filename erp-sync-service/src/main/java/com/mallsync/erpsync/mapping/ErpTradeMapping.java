package com.mallsync.erpsync.mapping;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.Remarks;

/**
 * OrderPaid → the TradeTransferToErp parameters: a pure function. Attribute order follows the seed's examples
 * ("MasterXml参数示例", "DetailXml参数示例", "PayXml参数示例"); see the module README for every choice. Over-long
 * values: identifiers (OuterID, TradeID, ReceiptID) refuse the order, free text (names, address parts) is cut,
 * a phone number is left out.
 */
public final class ErpTradeMapping {

    /** {@code TH}: a paid order is never a return. */
    static final int NOT_A_RETURN = 0;
    /** The seed's String(32) of OuterID, ReceiptID, BuyerPhone (TradeID, not in its table, is taken as the same). */
    static final int ID_LENGTH = 32;

    private ErpTradeMapping() {
    }

    /**
     * @throws MappingException when the order cannot be expressed as an ERP trade (it is then REJECTED unsent)
     */
    public static ErpTrade map(OrderPaid order, MallErpSettings mall) {
        TradeAmounts amounts = checkedAmounts(order, mall);
        List<Integer> all = IntStream.range(0, order.lines().size()).boxed().toList();
        return trade(order, mall, amounts, all, order.orderNo(), null, NOT_A_RETURN);
    }

    /** The checks every trade of the order passes (sale or return), and its money as the sale carries it. */
    static TradeAmounts checkedAmounts(OrderPaid order, MallErpSettings mall) {
        if (mall.uid() == null || mall.uid().isBlank()) {
            throw new MappingException("no ERP UID configured for mall " + order.mallId()
                    + " (erp-sync.malls." + order.mallId() + ".uid)");
        }
        identifier("order_no", order.orderNo(), "OuterID and TradeID");
        identifier("pay_order_no", order.payOrderNo(), "ReceiptID");
        return TradeAmounts.of(order);
    }

    /**
     * One trade of the order: the sale (all lines, TH 0) or a return (some lines, TH 1), with the same master
     * fields, its own OuterID, and the money of {@code amounts}, whose lines are those at {@code lineIndices}.
     *
     * @param refundTime the return's RefundTime; {@code null} for a sale (the seed's "never")
     */
    static ErpTrade trade(OrderPaid order, MallErpSettings mall, TradeAmounts amounts, List<Integer> lineIndices,
                          String outerId, OffsetDateTime refundTime, int th) {
        String payChannel = mall.payChannel(order.mallId(), order.payType(), order.paidWithWeChat());
        String master = AttributeXml.write("master", List.of(master(order, mall, amounts, outerId, refundTime)));
        String detail = AttributeXml.write("detail", details(order, mall, amounts, lineIndices));
        Map<String, String> pay = new LinkedHashMap<>();
        pay.put("FactMoney", AttributeXml.decimal(amounts.factMoney()));
        pay.put("PayChannel", payChannel);
        return new ErpTrade(mall.uid(), master, detail, AttributeXml.write("pay", List.of(pay)), th,
                mall.audit(), mall.storedProcedureName());
    }

    private static Map<String, String> master(OrderPaid order, MallErpSettings mall, TradeAmounts a, String outerId,
                                              OffsetDateTime refundTime) {
        Buyer buyer = order.buyer() == null ? new Buyer(null, "", "", "", null, "", "", "") : order.buyer();
        AddressParts address = AddressParts.split(buyer.address());
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TradeType", mall.tradeType());
        m.put("TradeID", order.orderNo());
        m.put("CreateTime", ErpTimes.format(createdAt(order)));
        m.put("OriginalMoney", AttributeXml.decimal(a.originalMoney()));
        m.put("FactMoney", AttributeXml.decimal(a.factMoney()));
        m.put("ContractFeeBefore", AttributeXml.decimal(a.contractFeeBefore()));
        m.put("ContractFee", AttributeXml.decimal(a.contractFee()));
        m.put("OtherFee", AttributeXml.decimal(a.otherFee()));
        m.put("ReductionFee", AttributeXml.decimal(a.reductionFee()));
        m.put("Freight", AttributeXml.decimal(a.freight()));
        m.put("LateFee", AttributeXml.decimal(a.lateFee()));
        m.put("PayTime", ErpTimes.format(order.paidAt()));
        m.put("RefundFee", AttributeXml.decimal(a.refundFee()));
        m.put("RefundTime", ErpTimes.format(refundTime));
        m.put("TradeSource", mall.tradeSource());
        m.put("ProvinceID", AttributeXml.limit(address.province(), 32));
        m.put("CityID", AttributeXml.limit(address.city(), 32));
        m.put("DistrictID", AttributeXml.limit(address.district(), 32));
        m.put("BuyerAddress", AttributeXml.limit(address.rest(), 128));
        m.put("BuyerName", AttributeXml.limit(firstNonBlank(buyer.name(), buyer.nickname()), 32));
        m.put("BuyerPhone", phone(firstNonBlank(buyer.mobile(), buyer.userMobile())));
        m.put("OuterID", outerId);
        m.put("ReceiptID", order.payOrderNo() == null ? "" : order.payOrderNo());
        m.put("Remark", remark(order.remarks()));
        m.put("SaleUID", "");
        m.put("PayStatus", mall.payStatus());
        m.put("TotalMoney", AttributeXml.decimal(a.totalMoney()));
        m.put("ZipCode", "");
        m.put("DelayTime", ErpTimes.NEVER);
        m.put("ThirdPartyData", "");
        return m;
    }

    private static List<Map<String, String>> details(OrderPaid order, MallErpSettings mall, TradeAmounts a,
                                                     List<Integer> lineIndices) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int row = 0; row < lineIndices.size(); row++) {
            int i = lineIndices.get(row);
            OrderLine line = order.lines().get(i);
            TradeAmounts.Line money = a.lines().get(row);
            String goodsId = mall.goodsIdField().of(line);
            if (goodsId.isEmpty()) {
                throw new MappingException("line " + (i + 1) + " (goods_id " + line.goodsId() + ") has no "
                        + mall.goodsIdField() + " to send as GoodsID");
            }
            if (line.quantity() <= 0) {
                throw new MappingException("line " + (i + 1) + " has quantity " + line.quantity());
            }
            Map<String, String> d = new LinkedHashMap<>();
            d.put("GoodsID", goodsId);
            d.put("yhProductID", mall.yhProductIdField().of(line));
            d.put("GoodsNumber", Integer.toString(line.quantity()));
            d.put("OldPrice", AttributeXml.decimal(money.oldPrice()));
            d.put("Price", AttributeXml.decimal(money.price()));
            d.put("ContractFeeItem", AttributeXml.decimal(money.contractFeeItem()));
            d.put("OtherFeeItem", AttributeXml.decimal(money.otherFeeItem()));
            d.put("ReductionFeeItem", AttributeXml.decimal(money.reductionFeeItem()));
            d.put("CreateTime", ErpTimes.format(line.createdAt() != null ? line.createdAt() : createdAt(order)));
            d.put("Remark", line.attributes().stream().map(at -> at.group() + ":" + at.value())
                    .collect(Collectors.joining(" ")));
            rows.add(d);
        }
        return rows;
    }

    /** When the order was placed; a push without {@code created_at} (or a zero date) falls back to the pay time. */
    private static OffsetDateTime createdAt(OrderPaid order) {
        return order.createdAt() != null ? order.createdAt() : order.paidAt();
    }

    /** Identifiers are never cut (two orders could become one): too long for its String(32) node, it is refused. */
    static void identifier(String field, String value, String nodes) {
        if (value != null && value.codePointCount(0, value.length()) > ID_LENGTH) {
            throw new MappingException(field + " has " + value.codePointCount(0, value.length())
                    + " characters; the ERP's " + nodes + " are String(" + ID_LENGTH + ")");
        }
    }

    /** A phone number too long for BuyerPhone String(32) is left out: a cut number would be someone else's. */
    private static String phone(String phone) {
        return phone.codePointCount(0, phone.length()) > ID_LENGTH ? "" : phone.trim();
    }

    private static String remark(Remarks remarks) {
        if (remarks == null) {
            return "";
        }
        return Stream.of(remarks.buyerRemark(), remarks.buyerWords())
                .filter(r -> r != null && !r.isBlank()).map(String::trim).collect(Collectors.joining("; "));
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second == null ? "" : second;
    }
}
