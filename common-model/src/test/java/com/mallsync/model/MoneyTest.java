package com.mallsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MoneyTest {

    private static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    @Test
    void allocatesTheSeedsErpDiscountOverItsThreeLines() {
        // erp-trade-transfer-to-erp.txt: ContractFeeBefore 26.6 over OldPrice 32.8, 36.8, 36.8 gives 8.2, 9.2, 9.2
        assertThat(Money.allocate(m("26.60"), List.of(m("32.80"), m("36.80"), m("36.80"))))
                .containsExactly(m("8.20"), m("9.20"), m("9.20"));
    }

    @Test
    void givesLeftoverCentsToTheLargestRemaindersFirstThenTheEarlierPart() {
        assertThat(Money.allocate(m("0.10"), List.of(m("1"), m("1"), m("1")))).containsExactly(m("0.04"), m("0.03"), m("0.03"));
        assertThat(Money.allocate(m("1.00"), List.of(m("1"), m("2")))).containsExactly(m("0.33"), m("0.67"));
        assertThat(Money.allocate(m("-1.00"), List.of(m("1"), m("2")))).containsExactly(m("-0.33"), m("-0.67"));
    }

    @Test
    void sharesEquallyWhenEveryWeightIsZero() {
        assertThat(Money.allocate(m("0.05"), List.of(m("0"), m("0")))).containsExactly(m("0.03"), m("0.02"));
    }

    @Test
    void refusesNegativeWeightsSubCentTotalsAndNoParts() {
        assertThatThrownBy(() -> Money.allocate(m("1.00"), List.of(m("-1")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.allocate(m("1.001"), List.of(m("1")))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.allocate(m("1.00"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesAlwaysAddUpToTheCentAndStayWithinACentOfProportional() {
        Random random = new Random(20251123);
        for (int run = 0; run < 10_000; run++) {
            int parts = 1 + random.nextInt(10);
            List<BigDecimal> weights = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                weights.add(BigDecimal.valueOf(random.nextInt(100_000), 2));
            }
            BigDecimal total = BigDecimal.valueOf(random.nextInt(200_000) - 20_000, 2);

            List<BigDecimal> shares = Money.allocate(total, weights);

            assertThat(Money.sum(shares)).isEqualByComparingTo(total);
            BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            for (int i = 0; i < parts; i++) {
                assertThat(shares.get(i).scale()).isEqualTo(2);
                if (weightSum.signum() > 0) {
                    BigDecimal exact = total.multiply(weights.get(i)).divide(weightSum, 10, java.math.RoundingMode.HALF_EVEN);
                    assertThat(shares.get(i).subtract(exact).abs()).isLessThan(m("0.01"));
                }
            }
        }
    }

    @Test
    void parsesMallAmountsAndTreatsBlankAsZero() {
        assertThat(Money.parse("3.00")).isEqualTo(m("3.00"));
        assertThat(Money.parse(" ")).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> Money.parse("3元")).isInstanceOf(NumberFormatException.class);
        assertThat(Money.same(m("3.0"), m("3.00"))).isTrue();
    }
}
