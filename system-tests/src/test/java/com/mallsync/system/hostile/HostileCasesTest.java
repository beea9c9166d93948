package com.mallsync.system.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.mall.MallOrderLine;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.system.orders.SignedOrders;

class HostileCasesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final SignedOrders orders = new SignedOrders("1763892000", CLOCK);
    // generated once: the oversize bodies take seconds to build
    private static final List<HostileCase> cases = new HostileCases(orders, 42).all();

    @Test
    void thereAreAtLeastAThousandCasesCoveringEveryCategoryButSlowLoris() {
        Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
        cases.forEach(c -> perCategory.merge(c.category(), 1, Integer::sum));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(perCategory.keySet()).containsAll(
                Stream.of(Category.values()).filter(c -> c != Category.SLOW_LORIS && c != Category.SIGNATURE_ATTACK).toList());
    }

    @Test
    void theReferenceCheckAcceptsAValidSignedOrderSoItCanTellGoodFromBad() {
        assertThat(whyRefused(orders.body(7))).isNull();
    }

    @Test
    void everyCaseBreaksARuleOfTheIngestContract() {
        List<String> accepted = new ArrayList<>();
        for (HostileCase c : cases) {
            if (whyRefused(c.body()) == null) {
                accepted.add(c.toString());
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void oversizeBodiesAreAllLargerThanTheOneMebibyteDefaultLimit() {
        assertThat(cases.stream().filter(c -> c.category() == Category.OVERSIZE))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.body().length).isGreaterThan(1024 * 1024));
    }

    @Test
    void everyParseableCaseCarriesThePlantedMobileSoALogLineEchoingItIsCaught() {
        long withMobile = cases.stream()
                .filter(c -> new String(c.body(), java.nio.charset.StandardCharsets.UTF_8)
                        .contains(SignedOrders.PLANTED_MOBILE))
                .count();
        assertThat(withMobile).isGreaterThan(cases.size() / 2);
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        List<HostileCase> again = new HostileCases(orders, 42).all();
        assertThat(again).hasSameSizeAs(cases);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(again.get(i).body()).isEqualTo(cases.get(i).body());
        }
    }

    /** A reference reading of the ingest contract: null when the body should be accepted, else why not. */
    private static String whyRefused(byte[] body) {
        if (body.length > 1024 * 1024) {
            return "too large";
        }
        MallOrderPush push;
        String expected;
        try {
            push = Json.read(body, MallOrderPush.class);
            expected = SortedMd5Signature.sign(body, SignedOrders.MALL_SECRET);
        } catch (RuntimeException e) {
            return "not a push: " + e.getMessage();
        }
        if (push == null || !SortedMd5Signature.matches(push.appSign(), expected)) {
            return "bad signature";
        }
        if (push.mallId() == null || push.mallId() != SignedOrders.MALL_ID) {
            return "unknown mall";
        }
        if (push.orderNo() == null || push.orderNo().isBlank()) {
            return "no order_no";
        }
        if (push.detail() == null || push.detail().isEmpty()) {
            return "no lines";
        }
        List<BigDecimal> money = new ArrayList<>(List.of(nz(push.totalPrice()), nz(push.totalPayPrice()),
                nz(push.expressPrice()), nz(push.expressOriginalPrice()), nz(push.totalGoodsPrice()),
                nz(push.totalGoodsOriginalPrice()), nz(push.memberDiscountPrice()), nz(push.couponDiscountPrice()),
                nz(push.integralDeductionPrice())));
        for (MallOrderLine line : push.detail()) {
            if (line == null || line.num() == null || line.num() < 1) {
                return "quantity";
            }
            money.addAll(List.of(nz(line.unitPrice()), nz(line.totalPrice()), nz(line.totalOriginalPrice()),
                    nz(line.memberDiscountPrice())));
        }
        if (money.stream().anyMatch(m -> m.signum() < 0)) {
            return "negative money";
        }
        try {
            MallTime.parse(push.payTime());
            MallTime.parse(push.createdAt());
        } catch (RuntimeException e) {
            return "time";
        }
        return null;
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
