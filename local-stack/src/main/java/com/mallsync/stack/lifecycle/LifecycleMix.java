package com.mallsync.stack.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How a load's orders live on after payment, as shares of the orders (and of the lines): {@code --confirm=0.8
 * --cancel=0.05 --refund-lines=0.05}. An order is cancelled (before any confirmation: a cancelled order is never
 * confirmed later), or confirmed, or stays paid; in an order that is not cancelled each line is refunded with the
 * {@code refundLines} chance, after the confirmation when there is one (the buyer got the goods, then an after-sale),
 * else after the payment (refunded before receipt). {@link #NONE} is today's load: paid and nothing since.
 *
 * @param confirm     share of the orders confirmed ({@code is_confirm} 1)
 * @param cancel      share of the orders cancelled ({@code cancel_status} 1); {@code confirm + cancel ≤ 1}
 * @param refundLines share of the lines of orders not cancelled that are refunded ({@code is_refund} 1,
 *                    {@code refund_status} 2)
 */
public record LifecycleMix(double confirm, double cancel, double refundLines) {

    public static final LifecycleMix NONE = new LifecycleMix(0, 0, 0);

    /** The mix: 80% confirmed, 5% cancelled, 5% of the lines refunded. */
    public static final LifecycleMix TYPICAL = new LifecycleMix(0.8, 0.05, 0.05);

    public LifecycleMix {
        for (double share : new double[] {confirm, cancel, refundLines}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("--confirm, --cancel and --refund-lines are shares between 0 and 1");
            }
        }
        if (confirm + cancel > 1 + 1e-9) {
            throw new IllegalArgumentException("--confirm plus --cancel is more than 1: a cancelled order is never "
                    + "confirmed");
        }
    }

    public boolean none() {
        return confirm == 0 && cancel == 0 && refundLines == 0;
    }

    /**
     * The story of the {@code index}-th order of a run seeded {@code seed}: deterministic, and independent from one
     * index to the next. (A {@link Random} seeded with consecutive numbers gives nearly the same first draws, so the
     * seed is scrambled first; without that every order of a run got the same fate.)
     */
    public OrderStory draw(long seed, int index, List<Long> lineIds) {
        return draw(new Random(new SplittableRandom(seed * 1_000_003L + index).nextLong()), lineIds);
    }

    /**
     * One order's story: the pushes a mall sends for it, each the order's whole state at that moment.
     *
     * @param random  drawn from (deterministic per order when the caller seeds it so)
     * @param lineIds the order's {@code detail[].id}, in detail order
     */
    public OrderStory draw(Random random, List<Long> lineIds) {
        List<OrderState> pushes = new ArrayList<>();
        OrderState state = OrderState.PAID;
        pushes.add(state);
        double roll = random.nextDouble();
        if (roll < cancel) {
            pushes.add(state.withCancelled());
            return new OrderStory(lineIds, pushes);
        }
        if (roll < cancel + confirm) {
            state = state.withConfirmed();
            pushes.add(state);
        }
        Set<Long> refunded = new LinkedHashSet<>();
        for (Long line : lineIds) {
            if (random.nextDouble() < refundLines) {
                refunded.add(line);
            }
        }
        for (Long line : refunded) {
            state = state.withRefunded(line);
            pushes.add(state);
        }
        return new OrderStory(lineIds, pushes);
    }
}
