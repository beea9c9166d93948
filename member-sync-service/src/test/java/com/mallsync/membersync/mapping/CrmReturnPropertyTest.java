package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.CheckoutPush;
import com.mallsync.model.mall.MallCheckout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20,000 orders priced the mall's way ({@link MallCheckout}), each with some lines refunded before the upload, some
 * after, then cancelled: the sale and all its returns add up to nothing per BarCode (quantity and money), every
 * return passes the 2030 rules (1.4 "退货金额和数量必须都为负数", DiscountMoney not below 0, sums, lengths), and the
 * cancellation returns exactly what the line returns left.
 */
class CrmReturnPropertyTest {

    static final int ORDERS = 20_000;
    static final OffsetDateTime PAID = OffsetDateTime.parse("2025-03-20T16:58:12+08:00");
    static final Instant NOW = Instant.parse("2025-03-21T00:00:00Z");

    @Test
    void aSaleAndAllItsReturnsAddUpToNothingPerBarCode() {
        Random random = new Random(1_4);
        ShopChannel exclude = ShopChannel.of("MALL222");
        ShopChannel freightRow = new ShopChannel("MALL222", 1, FreightMode.LINE, "YF001", null, null);
        int checked = 0;
        int returns = 0;
        int freeLines = 0;
        for (int k = 0; k < ORDERS; k++) {
            MallCheckout c = MallCheckout.random(random, CheckoutPush.randomItems(random));
            OrderPaid order = CheckoutPush.orderPaid(c, 222, "2025032016580990" + k, PAID);
            ShopChannel shop = k % 3 == 0 ? freightRow : exclude;
            Set<Long> before = new HashSet<>();
            Set<Long> after = new HashSet<>();
            for (OrderLine line : order.lines()) {
                int dice = random.nextInt(4);
                (dice == 0 ? before : dice == 1 ? after : new HashSet<Long>()).add(line.lineId());
            }
            if (before.size() == order.lines().size()) {
                before.remove(order.lines().get(0).lineId());
            }
            CrmOrder sale = ((CrmMapping.Mapped) CrmOrderMapping.sale(order.as(OrderEvent.CONFIRMED, null), shop,
                    before)).order();
            if (CrmOrderRules.firstViolation(sale, NOW).isPresent()) {
                continue; // a mark-up 2030 cannot carry: the sale itself is refused (CrmOrderPropertyTest)
            }
            checked++;
            Map<String, Long> qty = new HashMap<>();
            Map<String, BigDecimal> money = new HashMap<>();
            add(sale, qty, money);
            Set<String> codes = new HashSet<>(Set.of(sale.code()));
            for (Long line : after) {
                CrmMapping mapping = CrmReturnMapping.ofLine(order.as(OrderEvent.REFUNDED, line), shop);
                if (mapping instanceof CrmMapping.Nothing) {
                    freeLines++;
                    continue;
                }
                returns += check(k, ((CrmMapping.Mapped) mapping).order(), sale, codes, qty, money);
            }
            Set<Long> notLeft = new HashSet<>(before);
            notLeft.addAll(after);
            CrmMapping rest = CrmReturnMapping.ofRest(order.as(OrderEvent.CANCELLED, null), shop, notLeft);
            if (rest instanceof CrmMapping.Mapped mapped) {
                returns += check(k, mapped.order(), sale, codes, qty, money);
            }
            for (Map.Entry<String, Long> e : qty.entrySet()) {
                boolean paidNothing = money.get(e.getKey()).signum() == 0 && e.getValue() > 0;
                assertThat(e.getValue() == 0 || paidNothing).as("order %d BarCode %s quantity left %d", k, e.getKey(),
                        e.getValue()).isTrue();
            }
            for (Map.Entry<String, BigDecimal> e : money.entrySet()) {
                assertThat(e.getValue()).as("order %d BarCode %s money left", k, e.getKey()).isZero();
            }
        }
        System.out.printf("CRM returns property: %d orders checked, %d returns, %d free lines with no return row%n",
                checked, returns, freeLines);
        assertThat(checked).isGreaterThan(ORDERS / 2);
        assertThat(returns).isGreaterThan(checked);
    }

    private static int check(int k, CrmOrder back, CrmOrder sale, Set<String> codes, Map<String, Long> qty,
                             Map<String, BigDecimal> money) {
        assertThat(CrmOrderRules.firstViolation(back, NOW)).as("order %d return %s", k, back).isEmpty();
        assertThat(back.originalCode()).isEqualTo(sale.code());
        assertThat(back.code().length()).isLessThanOrEqualTo(26);
        assertThat(codes.add(back.code())).as("order %d: return Code %s is its own", k, back.code()).isTrue();
        add(back, qty, money);
        return 1;
    }

    private static void add(CrmOrder o, Map<String, Long> qty, Map<String, BigDecimal> money) {
        for (CrmOrder.Line d : o.dtls()) {
            qty.merge(d.barCode(), (long) d.quantity(), Long::sum);
            money.merge(d.barCode(), d.amount(), BigDecimal::add);
        }
    }

}
