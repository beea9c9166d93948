package com.mallsync.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Money helpers over {@link BigDecimal}: amounts are compared with {@code compareTo}, never {@code equals},
 * and never pass through {@code double}.
 */
public final class Money {

    /** Cents: the scale of every amount the mall, the CRM and the ERP exchange. */
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    private static final BigDecimal CENT = BigDecimal.ONE.movePointLeft(SCALE);

    private Money() {
    }

    /**
     * Parses a mall amount such as {@code "3.00"}; {@code null} or blank is zero.
     *
     * @throws NumberFormatException when the text is not a plain decimal number
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            return ZERO;
        }
        return new BigDecimal(text.trim());
    }

    /** The amount at cent scale, rounding half up. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(ZERO, BigDecimal::add);
    }

    public static boolean same(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    public static boolean isNegative(BigDecimal amount) {
        return amount.signum() < 0;
    }

    /**
     * Shares {@code total} (at cent scale) over parts in proportion to {@code weights}, by the largest-remainder
     * method: every share is a whole number of cents and the shares add up to {@code total} exactly.
     * Ties go to the earlier part, so the result is deterministic. With all weights zero the total is shared
     * equally.
     *
     * @param total   the amount to share, at most cent precision, any sign
     * @param weights non-negative weights, at least one
     */
    public static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nothing to allocate over");
        }
        if (weights.stream().anyMatch(w -> w.signum() < 0)) {
            throw new IllegalArgumentException("weights must not be negative: " + weights);
        }
        BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> effective = weightSum.signum() == 0
                ? weights.stream().map(w -> BigDecimal.ONE).toList()
                : weights;
        BigDecimal effectiveSum = weightSum.signum() == 0 ? BigDecimal.valueOf(weights.size()) : weightSum;

        long totalCents = total.movePointRight(SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        long sign = Long.signum(totalCents);
        long absCents = Math.abs(totalCents);

        int n = effective.size();
        long[] shares = new long[n];
        BigDecimal[] remainders = new BigDecimal[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal exact = BigDecimal.valueOf(absCents).multiply(effective.get(i));
            BigDecimal[] qr = exact.divideAndRemainder(effectiveSum);
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; given < absCents; k++, given++) {
            shares[order.get(k % n)]++;
        }
        List<BigDecimal> result = new ArrayList<>(n);
        for (long share : shares) {
            result.add(BigDecimal.valueOf(sign * share).multiply(CENT).setScale(SCALE));
        }
        return result;
    }
}
