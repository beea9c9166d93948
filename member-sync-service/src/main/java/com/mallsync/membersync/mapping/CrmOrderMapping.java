package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.MallTime;
import com.mallsync.model.Money;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;

/**
 * OrderPaid → one 2030 order: a pure function. Money model (see the README's Assumptions):
 * <ul>
 *   <li>a Dtls row's Amount is what the buyer pays for that line: the line's {@code total_price} (after the member
 *       discount) less its share of the order-level discounts (coupon + points), shared by largest remainder so the
 *       rows add up to the cent;</li>
 *   <li>PriceOriginal = list total / quantity, PriceSell = Amount / quantity (cents, half up), DiscountMoney = list
 *       total - Amount;</li>
 *   <li>TotalMoney = Σ Amount, DiscountMoney = Σ row DiscountMoney, TotalQty = Σ Quantity (rule 1.4 by
 *       construction);</li>
 *   <li>freight: left out (PayAmount = paid - freight) or sent as its own row (PayAmount = paid).</li>
 * </ul>
 * It never refuses: an order it cannot map well (no bar code, negative discount, …) comes out breaking a rule, and
 * {@link CrmOrderRules} says which.
 */
public final class CrmOrderMapping {

    private CrmOrderMapping() {
    }

    public static CrmOrder toCrmOrder(OrderPaid order, ShopChannel shop) {
        OrderAmounts amounts = order.amounts();
        List<OrderLine> goods = order.lines();
        BigDecimal orderLevelDiscount = amounts.couponDiscount().add(amounts.pointsDeduction());
        List<BigDecimal> shares = goods.isEmpty() ? List.of()
                : Money.allocate(Money.cents(orderLevelDiscount), goods.stream().map(OrderLine::paidTotal).toList());

        List<CrmOrder.Line> dtls = new ArrayList<>();
        for (int i = 0; i < goods.size(); i++) {
            OrderLine line = goods.get(i);
            BigDecimal amount = Money.cents(line.paidTotal().subtract(shares.get(i)));
            BigDecimal listTotal = Money.cents(line.originalTotal());
            dtls.add(new CrmOrder.Line(
                    barCode(line, shop),
                    line.quantity() == 0 ? Money.cents(line.unitPrice()) : perUnit(listTotal, line.quantity()),
                    line.quantity() == 0 ? Money.cents(line.unitPrice()) : perUnit(amount, line.quantity()),
                    line.quantity(),
                    amount,
                    listTotal.subtract(amount)));
        }
        BigDecimal freight = Money.cents(amounts.freight());
        BigDecimal payAmount = Money.cents(amounts.totalPayPrice());
        if (shop.freight() == FreightMode.LINE && freight.signum() > 0) {
            BigDecimal freightList = Money.cents(amounts.freightOriginal().max(amounts.freight()));
            dtls.add(new CrmOrder.Line(shop.freightBarCode(), freightList, freight, 1, freight,
                    freightList.subtract(freight)));
        } else {
            payAmount = payAmount.subtract(freight).max(Money.ZERO);
        }

        Buyer buyer = order.buyer();
        String address = buyer == null ? null : blankToNull(buyer.address());
        AddressParts parts = AddressParts.parse(address);
        return new CrmOrder(
                shop.shopCode(),
                order.orderNo(),
                null,
                time(order.createdAt() != null ? order.createdAt() : order.paidAt()),
                dtls.stream().mapToInt(CrmOrder.Line::quantity).sum(),
                Money.sum(dtls.stream().map(CrmOrder.Line::amount).toList()),
                time(order.paidAt()),
                payAmount,
                buyerCode(order, shop),
                Money.sum(dtls.stream().map(CrmOrder.Line::discountMoney).toList()),
                buyer == null ? null : blankToNull(buyer.name()),
                buyer == null ? null : blankToNull(buyer.mobile()),
                null,
                address,
                parts.province(),
                parts.city(),
                parts.county(),
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

    private static String time(OffsetDateTime time) {
        return time == null ? null : MallTime.format(time);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
