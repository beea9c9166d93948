package com.mallsync.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.Money;
import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.stack.DemoMall;
import com.mallsync.testsupport.Seeds;

class DemoOrderGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private final DemoOrderGenerator generator = new DemoOrderGenerator(42, "231000", NOW);

    @Test
    void templateIsTheSeedsSampleVerbatim() {
        assertThat(DemoOrderGenerator.template()).isEqualTo(Seeds.mallOrderPush());
    }

    @Test
    void sameSeedAndIndexGiveTheSameOrderAndOtherSeedsOtherOrders() {
        String once = generator.order(7).signed("s");
        String again = new DemoOrderGenerator(42, "231000", NOW).order(7).signed("s");
        String other = new DemoOrderGenerator(43, "231000", NOW).order(7).signed("s");
        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }

    /**
     * Neighbouring orders are drawn independently: 60% go to the first mall, so two neighbours share a mall about
     * 0.6² + 0.4²/(malls − 1) of the time. (Seeding java.util.Random with consecutive numbers made almost every
     * neighbour alike.)
     */
    @Test
    void neighbouringOrdersAreDrawnIndependently() {
        List<DemoOrder> orders = generator.orders(2_000);
        long sameMall = 0;
        for (int i = 1; i < orders.size(); i++) {
            if (orders.get(i).mallId() == orders.get(i - 1).mallId()) {
                sameMall++;
            }
        }
        assertThat(sameMall / (double) (orders.size() - 1)).isBetween(0.33, 0.50);
    }

    @Test
    void everyOrderAddsUpTheWayTheMallDefinesItsAmounts() {
        for (DemoOrder order : generator.orders(500)) {
            OrderPaid paid = parse(order);
            var a = paid.amounts();
            BigDecimal linesOriginal = Money.sum(paid.lines().stream().map(OrderLine::originalTotal).toList());
            BigDecimal linesTotal = Money.sum(paid.lines().stream().map(OrderLine::paidTotal).toList());
            BigDecimal linesMember = Money.sum(paid.lines().stream().map(OrderLine::memberDiscount).toList());
            BigDecimal linesBack = Money.sum(paid.lines().stream().map(OrderLine::backPrice).toList());
            BigDecimal shared = BigDecimal.ZERO;
            assertThat(linesOriginal).isEqualByComparingTo(a.goodsOriginalPrice());
            assertThat(linesMember).isEqualByComparingTo(a.memberDiscount());
            // MALL-FIELDS.md: total_pay_price = total_goods_price + express_price for a paid order
            assertThat(a.goodsPrice().add(a.freight())).isEqualByComparingTo(a.totalPayPrice());
            // an edit of the whole order changes total_goods_price and back_price, not the lines
            BigDecimal orderEdit = a.backPrice().subtract(linesBack);
            assertThat(linesTotal.subtract(orderEdit)).isEqualByComparingTo(a.goodsPrice());
            assertThat(a.totalPayPrice()).isGreaterThanOrEqualTo(a.freight());
            assertThat(a.couponDiscount().signum() > 0).isEqualTo(a.couponId() > 0);
            for (OrderLine line : paid.lines()) {
                assertThat(line.quantity()).isBetween(1, 5);
                assertThat(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                        .isEqualByComparingTo(line.originalTotal());
                // total_price is already net of the line's share of full-reduce, coupon and points
                BigDecimal lineShare = line.originalTotal().subtract(line.memberDiscount()).subtract(line.paidTotal())
                        .subtract(line.backPrice());
                assertThat(lineShare.signum()).isNotNegative();
                shared = shared.add(lineShare);
            }
            assertThat(shared).isGreaterThanOrEqualTo(a.couponDiscount().add(a.pointsDeduction()));
        }
    }

    @Test
    void ordersVaryOverMallsLinesDiscountsCouponsPointsAndFreight() {
        List<OrderPaid> orders = generator.orders(500).stream().map(DemoOrderGeneratorTest::parse).toList();
        assertThat(orders).extracting(OrderPaid::mallId).containsAll(DemoMall.ALL.stream().map(DemoMall::mallId).toList());
        assertThat(orders).extracting(o -> o.lines().size()).contains(1, 2, 3, 10).allMatch(n -> n >= 1 && n <= 10);
        assertThat(orders).anyMatch(o -> o.amounts().memberDiscount().signum() > 0)
                .anyMatch(o -> o.amounts().couponDiscount().signum() > 0)
                .anyMatch(o -> o.amounts().pointsDeduction().signum() > 0)
                .anyMatch(o -> o.amounts().freight().signum() > 0)
                .anyMatch(o -> o.amounts().freight().signum() == 0 && o.amounts().freightOriginal().signum() > 0)
                .anyMatch(o -> o.lines().stream().anyMatch(l -> l.quantity() > 1))
                .as("a member mark-up").anyMatch(o -> o.amounts().memberDiscount().signum() < 0)
                .as("a merchant's discount").anyMatch(o -> o.amounts().backPrice().signum() > 0)
                .as("a merchant's mark-up").anyMatch(o -> o.amounts().backPrice().signum() < 0)
                .as("WeChat").anyMatch(o -> o.payType() == 1 && o.paidWithWeChat())
                .as("another online method").anyMatch(o -> o.payType() == 1 && !o.paidWithWeChat())
                .as("balance").anyMatch(o -> o.payType() == 3 && o.supportPayTypes().contains("balance"))
                .as("cash on delivery").anyMatch(o -> o.payType() == 2);
    }

    @Test
    void orderNumbersAreUniqueAndFitTheCrmsCodeLength() {
        Set<String> numbers = new HashSet<>();
        generator.orders(2000).forEach(o -> numbers.add(o.orderNo()));
        assertThat(numbers).hasSize(2000).allMatch(n -> n.length() <= 26 && n.chars().allMatch(Character::isDigit));
    }

    @Test
    void ordersArePaidAroundNowInTheMallsZoneSoTheCrmsOneYearRuleHolds() {
        OrderPaid paid = parse(generator.order(3));
        assertThat(Duration.between(paid.paidAt().toInstant(), NOW)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
        assertThat(paid.createdAt()).isBefore(paid.paidAt());
        assertThat(paid.paidAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
    }

    @Test
    void signedBodyCarriesTheSortedMd5SignatureOfItsMall() {
        DemoOrder order = generator.order(11);
        String secret = DemoMall.byId(order.mallId()).orElseThrow().secret();
        String body = order.signed(secret);
        String presented = Json.tree(body).get("app_sign").asString();
        assertThat(SortedMd5Signature.matches(presented,
                SortedMd5Signature.sign(body.getBytes(StandardCharsets.UTF_8), secret))).isTrue();
        assertThat(SortedMd5Signature.matches(presented,
                SortedMd5Signature.sign(body.getBytes(StandardCharsets.UTF_8), "other"))).isFalse();
    }

    @Test
    void keepsEveryFieldOfTheSeedSoTheMallsFormatsAreExercised() {
        var seed = Json.tree(Seeds.mallOrderPush());
        var order = Json.tree(generator.order(5).signed("s"));
        seed.propertyNames().forEach(name -> assertThat(order.has(name)).as(name).isTrue());
        assertThat(order.get("send_time").asString()).isEqualTo("0000-00-00 00:00:00");
        assertThat(order.get("support_pay_types").asString()).startsWith("[\"").endsWith("\"]");
    }

    private static OrderPaid parse(DemoOrder order) {
        String body = order.signed("x");
        return OrderPaidMapping.toOrderPaid(Json.read(body, MallOrderPush.class), body, NOW);
    }
}
