package com.mallsync.model.mall;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import com.mallsync.model.MallTime;
import com.mallsync.model.Money;
import com.mallsync.model.event.Buyer;
import com.mallsync.model.event.Distributor;
import com.mallsync.model.event.Lifecycle;
import com.mallsync.model.event.OrderAmounts;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderFacts;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.Remarks;
import tools.jackson.databind.JsonNode;

/**
 * Mall push → {@link OrderPaid}: a pure function. It assumes the push was validated (ids present, amounts
 * parse, at least one line); missing optional amounts read as zero, missing texts as empty.
 */
public final class OrderPaidMapping {

    private OrderPaidMapping() {
    }

    /**
     * @param push       the parsed push
     * @param rawPayload the push's body exactly as received
     * @param acceptedAt when ingest accepted it
     */
    public static OrderPaid toOrderPaid(MallOrderPush push, String rawPayload, Instant acceptedAt) {
        long mallId = Objects.requireNonNull(push.mallId(), "mall_id");
        String orderNo = Objects.requireNonNull(push.orderNo(), "order_no");
        OrderAmounts amounts = new OrderAmounts(
                money(push.totalPrice()),
                money(push.totalPayPrice()),
                money(push.totalGoodsPrice()),
                money(push.totalGoodsOriginalPrice()),
                money(push.expressPrice()),
                money(push.expressOriginalPrice()),
                money(push.memberDiscountPrice()),
                money(push.couponDiscountPrice()),
                orZero(push.useUserCouponId()),
                money(push.integralDeductionPrice()),
                orZero(push.useIntegralNum()),
                money(push.backPrice()));
        MallUser user = push.user();
        Buyer buyer = new Buyer(push.userId(), text(push.name()), text(push.mobile()), text(push.address()),
                push.addressId(),
                user == null ? "" : text(user.nickname()),
                user == null ? "" : text(user.unionid()),
                user == null ? "" : text(user.mobile()));
        List<OrderLine> lines = push.detail() == null ? List.of()
                : push.detail().stream().map(OrderPaidMapping::line).toList();
        MallParent parent = push.parent();
        Distributor distributor = parent == null ? null : new Distributor(text(parent.nickname()), text(parent.mobile()));
        return new OrderPaid(
                OrderPaid.SCHEMA_VERSION,
                OrderPaid.eventIdFor(mallId, orderNo),
                acceptedAt,
                mallId,
                orderNo,
                push.id(),
                text(push.payOrderNo()),
                time(push.createdAt()),
                time(push.payTime()),
                push.payType(),
                push.supportPayTypeList(),
                wxPay(push),
                amounts,
                buyer,
                lines,
                new Remarks(text(push.remark()), text(push.words()), text(push.sellerRemark())),
                distributor,
                rawPayload,
                OrderEvent.PAID,
                null,
                lifecycle(push));
    }

    /**
     * Every event the push shows, in the contract's order (paid, confirmed, each refunded line, cancelled): see
     * {@link OrderFacts#of}.
     */
    public static List<OrderPaid> toEvents(MallOrderPush push, String rawPayload, Instant acceptedAt) {
        return OrderFacts.of(toOrderPaid(push, rawPayload, acceptedAt));
    }

    static Lifecycle lifecycle(MallOrderPush push) {
        return new Lifecycle(
                push.isConfirm() != null && push.isConfirm() == 1,
                time(push.confirmTime()),
                push.cancelStatus() == null ? 0 : push.cancelStatus(),
                time(push.cancelTime()),
                time(push.updatedAt()));
    }

    static OrderLine line(MallOrderLine line) {
        MallGoodsInfo info = line.goodsInfo();
        MallGoodsAttr sku = info == null ? null : info.goodsAttr();
        List<MallAttr> attrs = line.attrList() != null ? line.attrList()
                : info != null && info.attrList() != null ? info.attrList() : List.of();
        return new OrderLine(
                line.id(),
                line.goodsId(),
                sku == null ? null : sku.id(),
                text(line.goodsNo()),
                sku == null ? "" : text(sku.no()),
                sku == null ? "" : text(sku.barCode()),
                sku == null ? "" : text(sku.name()),
                attrs.stream().map(a -> new OrderLine.Attribute(text(a.attrGroupName()), text(a.attrName()))).toList(),
                line.num() == null ? 0 : line.num(),
                money(line.unitPrice()),
                money(line.totalOriginalPrice()),
                money(line.totalPrice()),
                money(line.memberDiscountPrice()),
                line.other().containsKey("created_at") ? time(line.other().get("created_at").asString()) : null,
                money(line.backPrice()),
                line.isRefund() != null && line.isRefund() == 1 && line.refundStatus() != null
                        && line.refundStatus() == 2);
    }

    /** {@code is_wxpay}, typed leniently (the seed sends a number; a string of digits reads the same). */
    private static Integer wxPay(MallOrderPush push) {
        JsonNode node = push.other().get("is_wxpay");
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asString().trim();
        return text.matches("\\d{1,9}") ? Integer.valueOf(text) : null;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? Money.ZERO : amount;
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static OffsetDateTime time(String mallTime) {
        return MallTime.parse(mallTime).orElse(null);
    }
}
