package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mallsync.model.MallTime;
import com.mallsync.model.Money;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.money.LineMoney;
import com.mallsync.model.money.MoneyReading;
import com.mallsync.model.money.OrderMoney;

/**
 * OrderPaid → one 2030 order: a pure function over the common money model ({@link OrderMoney}, MALL-FIELDS.md):
 * <ul>
 *   <li>a Dtls row's Amount is what the buyer paid for that line: its {@code total_price} (already net of its share
 *       of member discount, full-reduce, coupon and points) after its share of any edit of the whole order;</li>
 *   <li>PriceOriginal = {@code total_original_price} / quantity, PriceSell = Amount / quantity (cents, half up:
 *       Amount is exact, Quantity × PriceSell may differ from it by less than half a cent per unit, and the rule 2030
 *       checks is Σ Amount = TotalMoney), DiscountMoney = {@code total_original_price} − Amount (negative where the
 *       line was marked up above its list price: {@link CrmOrderRules} then refuses it as 1.4 says);</li>
 *   <li>TotalMoney = Σ Amount, DiscountMoney = Σ row DiscountMoney, TotalQty = Σ Quantity (rule 1.4 by
 *       construction);</li>
 *   <li>freight: left out (PayAmount = {@code total_pay_price − express_price} = TotalMoney) or sent as its own row
 *       (PayAmount = {@code total_pay_price} = TotalMoney);</li>
 *   <li>over-long free text (consignee, address and its parts) is cut to the table's length; an over-long mobile is
 *       left out (a cut number would link the order to someone else's card); identifiers are never cut (the rules
 *       refuse them).</li>
 * </ul>
 */
public final class CrmOrderMapping {

    private CrmOrderMapping() {
    }

    /** The 2030 order (the whole sale), or the reason the mall's money cannot be one. */
    public static CrmMapping map(OrderPaid order, ShopChannel shop) {
        return sale(order, shop, Set.of());
    }

    /**
     * The sale without the goods lines whose ids are in {@code leftOut} (refunded before the upload): the other
     * rows carry exactly the figures the whole sale would (they are computed over the whole order, {@link #rows}),
     * so a later return of a line carries that line's figures negated. The freight row stays.
     */
    public static CrmMapping sale(OrderPaid order, ShopChannel shop, Set<Long> leftOut) {
        String unmappable = unmappable(order);
        if (unmappable != null) {
            return new CrmMapping.Refused(unmappable);
        }
        CrmRows rows = rows(order, shop);
        List<CrmOrder.Line> dtls = new ArrayList<>();
        rows.goods().stream().filter(r -> r.lineId() == null || !leftOut.contains(r.lineId()))
                .forEach(r -> dtls.add(r.line()));
        if (dtls.isEmpty()) {
            return new CrmMapping.Nothing("every goods line was left out of the sale");
        }
        if (rows.freight() != null) {
            dtls.add(rows.freight());
        }
        String orderTime = time(order.createdAt() != null ? order.createdAt() : order.paidAt());
        return new CrmMapping.Mapped(order(order, shop, order.orderNo(), null, orderTime, time(order.paidAt()), dtls));
    }

    /**
     * The 2030 order of an order whose money reads.
     *
     * @throws IllegalArgumentException when it does not ({@link #map} says why)
     */
    public static CrmOrder toCrmOrder(OrderPaid order, ShopChannel shop) {
        CrmMapping mapping = map(order, shop);
        if (mapping instanceof CrmMapping.Mapped mapped) {
            return mapped.order();
        }
        throw new IllegalArgumentException(mapping instanceof CrmMapping.Refused refused ? refused.reason()
                : ((CrmMapping.Nothing) mapping).reason());
    }

    /** Why the order's lines or money cannot be mapped at all, or {@code null}. */
    static String unmappable(OrderPaid order) {
        if (order.lines().isEmpty()) {
            return CrmOrderRules.DTLS_EMPTY;
        }
        MoneyReading reading = OrderMoney.read(order);
        return reading instanceof MoneyReading.Unreadable unreadable ? "mall money: " + unreadable.reason() : null;
    }

    /** Every row the order can carry, computed once over the whole order (its money must read). */
    static CrmRows rows(OrderPaid order, ShopChannel shop) {
        OrderMoney money = ((MoneyReading.Read) OrderMoney.read(order)).money();
        List<OrderLine> goods = order.lines();
        List<CrmRows.GoodsRow> rows = new ArrayList<>();
        for (int i = 0; i < goods.size(); i++) {
            LineMoney line = money.lines().get(i);
            int quantity = line.quantity();
            rows.add(new CrmRows.GoodsRow(goods.get(i).lineId(), new CrmOrder.Line(barCode(goods.get(i), shop),
                    perUnit(line.original(), quantity), perUnit(line.paid(), quantity), quantity, line.paid(),
                    line.discount())));
        }
        BigDecimal freight = money.freight();
        CrmOrder.Line freightRow = null;
        if (shop.freight() == FreightMode.LINE && freight.signum() > 0) {
            BigDecimal freightList = money.freightOriginal().max(freight);
            freightRow = new CrmOrder.Line(shop.freightBarCode(), freightList, freight, 1, freight,
                    freightList.subtract(freight));
        }
        return new CrmRows(rows, freightRow);
    }

    /**
     * One 2030 order of these rows: TotalQty, TotalMoney, PayAmount and DiscountMoney are their sums (PayAmount =
     * TotalMoney: freight is left out, or is one of the rows), the buyer as the order has it.
     */
    static CrmOrder order(OrderPaid order, ShopChannel shop, String code, String originalCode, String orderTime,
                          String payTime, List<CrmOrder.Line> dtls) {
        Buyer buyer = order.buyer();
        String address = buyer == null ? null : blankToNull(buyer.address());
        AddressParts parts = AddressParts.parse(address);
        String mobile = buyer == null ? null : blankToNull(buyer.mobile());
        BigDecimal total = Money.sum(dtls.stream().map(CrmOrder.Line::amount).toList());
        return new CrmOrder(
                shop.shopCode(),
                code,
                originalCode,
                orderTime,
                dtls.stream().mapToInt(CrmOrder.Line::quantity).sum(),
                total,
                payTime,
                total,
                buyerCode(order, shop),
                Money.sum(dtls.stream().map(CrmOrder.Line::discountMoney).toList()),
                cut(buyer == null ? null : blankToNull(buyer.name()), 32),
                mobile != null && length(mobile) > 16 ? null : mobile,
                null,
                cut(address, 128),
                cut(parts.province(), 32),
                cut(parts.city(), 64),
                cut(parts.county(), 64),
                shop.dataOrigin(),
                dtls);
    }

    static String barCode(OrderLine line, ShopChannel shop) {
        for (BarCodeSource source : shop.barCodeSources()) {
            String value = switch (source) {
                case BAR_CODE -> line.barCode();
                case SKU_NO -> line.skuNo();
                case GOODS_NO -> line.goodsNo();
                case SKU_ID -> line.goodsId() == null ? null
                        : line.skuId() == null ? String.valueOf(line.goodsId()) : line.goodsId() + "-" + line.skuId();
            };
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    static String buyerCode(OrderPaid order, ShopChannel shop) {
        Buyer buyer = order.buyer();
        if (buyer == null) {
            return null;
        }
        for (BuyerCodeSource source : shop.buyerCodeSources()) {
            String value = switch (source) {
                case UNIONID -> buyer.unionid();
                case USER_ID -> buyer.userId() == null ? null : String.valueOf(buyer.userId());
                case USER_MOBILE -> buyer.userMobile();
                case NICKNAME -> buyer.nickname();
            };
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static BigDecimal perUnit(BigDecimal total, int quantity) {
        return total.divide(BigDecimal.valueOf(quantity), Money.SCALE, RoundingMode.HALF_UP);
    }

    /** Free text longer than the table allows, cut to its first {@code max} characters (code points). */
    static String cut(String text, int max) {
        if (text == null || length(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : MallTime.format(time);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
