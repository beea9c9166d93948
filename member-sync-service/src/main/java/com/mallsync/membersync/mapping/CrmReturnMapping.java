package com.mallsync.membersync.mapping;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import com.mallsync.model.MallTime;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;

/**
 * A refund or a cancellation after the upload → one 2030 return row (seed 1.4 "退货金额和数量必须都为负数",
 * OriginalCode "关联单号(退货单关联)"): a pure function over the same rows the sale was made of ({@link CrmRows}), so a
 * return row carries exactly the figures the sale carried for those lines, negated:
 * <ul>
 *   <li>Quantity and Amount of each row negated, and so TotalQty, TotalMoney and PayAmount (their sums); PriceOriginal
 *       and PriceSell stay the unit prices they are; DiscountMoney stays the (non-negative) discount the returned
 *       goods had, as 1.4 "DiscountMoney不能小于0" holds for every order;</li>
 *   <li>Code: its own, derived from the sale's ({@link #code}); OriginalCode: the sale's Code;</li>
 *   <li>OrderTime and PayTime: when the return happened ({@code cancel_time} for a cancellation, the push's
 *       {@code updated_at} for a line refund, which the push does not date; else when ingest accepted the push);</li>
 *   <li>a row the buyer paid nothing for (Amount 0.00) cannot be negative, so it is left out; a return of nothing
 *       else is {@link CrmMapping.Nothing}.</li>
 * </ul>
 */
public final class CrmReturnMapping {

    /** The longest Code 2030 takes ("Code string 1~26"). */
    static final int CODE_MAX = 26;
    static final String NOTHING_TO_RETURN = "nothing to return: the rows left were paid 0.00, and a return's "
            + "amounts must be negative (1.4 退货金额和数量必须都为负数)";
    private static final int HASH_CHARS = 8;

    private CrmReturnMapping() {
    }

    /** The return of the line a REFUNDED event names. */
    public static CrmMapping ofLine(OrderPaid refunded, ShopChannel shop) {
        if (refunded.event() != OrderEvent.REFUNDED || refunded.line() == null) {
            throw new IllegalArgumentException("not a line refund: " + refunded);
        }
        if (refunded.refundedLine().isEmpty()) {
            return new CrmMapping.Refused("line " + refunded.line() + " is not a line of the order");
        }
        return of(refunded, shop, id -> !Objects.equals(id, refunded.line()), false);
    }

    /**
     * The return of what a cancellation leaves: every goods line of the sale not in {@code notLeft} (lines left out
     * of the sale, or returned already), plus the freight row if the sale had one.
     */
    public static CrmMapping ofRest(OrderPaid cancelled, ShopChannel shop, Set<Long> notLeft) {
        return of(cancelled, shop, id -> id != null && notLeft.contains(id), true);
    }

    private static CrmMapping of(OrderPaid event, ShopChannel shop, Predicate<Long> skip,
                                 boolean freight) {
        String unmappable = CrmOrderMapping.unmappable(event);
        if (unmappable != null) {
            return new CrmMapping.Refused(unmappable);
        }
        CrmRows rows = CrmOrderMapping.rows(event, shop);
        List<CrmOrder.Line> dtls = new ArrayList<>();
        for (CrmRows.GoodsRow row : rows.goods()) {
            if (!skip.test(row.lineId()) && row.line().amount().signum() > 0) {
                dtls.add(negated(row.line()));
            }
        }
        if (freight && rows.freight() != null) {
            dtls.add(negated(rows.freight()));
        }
        if (dtls.isEmpty()) {
            return new CrmMapping.Nothing(NOTHING_TO_RETURN);
        }
        String at = CrmOrderMapping.time(returnTime(event));
        return new CrmMapping.Mapped(CrmOrderMapping.order(event, shop, code(event), event.orderNo(), at, at, dtls));
    }

    static CrmOrder.Line negated(CrmOrder.Line line) {
        return new CrmOrder.Line(line.barCode(), line.priceOriginal(), line.priceSell(), -line.quantity(),
                line.amount().negate(), line.discountMoney());
    }

    /** When the return happened: cancel_time (a cancellation), else updated_at, else when ingest took the push. */
    static OffsetDateTime returnTime(OrderPaid event) {
        if (event.event() == OrderEvent.CANCELLED && event.lifecycle().cancelledAt() != null) {
            return event.lifecycle().cancelledAt();
        }
        if (event.lifecycle().updatedAt() != null) {
            return event.lifecycle().updatedAt();
        }
        return event.occurredAt() != null ? event.occurredAt().atZone(MallTime.ZONE).toOffsetDateTime()
                : event.paidAt();
    }

    /**
     * The return's own Code, derived from the sale's (the order number): {@code {sale}C} for the cancellation,
     * {@code {sale}R{n}} for the refund of the order's n-th line (by line id, so a re-ordered push keeps it). When
     * that is longer than 26 characters: the sale's first characters, 8 characters of a SHA-256 of the full form, and
     * the suffix. Never the sale's Code (a mall order number has no letters, and the suffix is added, never cut).
     */
    public static String code(OrderPaid event) {
        String suffix = switch (event.event()) {
            case CANCELLED -> "C";
            case REFUNDED -> "R" + rank(event);
            default -> throw new IllegalArgumentException(event.event() + " has no return");
        };
        String sale = event.orderNo();
        String plain = sale + suffix;
        if (plain.length() <= CODE_MAX) {
            return plain;
        }
        int keep = Math.max(0, CODE_MAX - HASH_CHARS - suffix.length());
        return sale.substring(0, Math.min(keep, sale.length())) + hash(plain) + suffix;
    }

    /** 1 + how many distinct line ids of the order are lower than the refunded line's. */
    private static long rank(OrderPaid event) {
        return 1 + event.lines().stream().map(l -> l.lineId()).filter(Objects::nonNull)
                .filter(id -> id < event.line()).distinct().count();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            String base36 = new BigInteger(1, digest).toString(36).toUpperCase(Locale.ROOT);
            return base36.substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
