package com.mallsync.system.orders;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mallsync.model.MallTime;
import com.mallsync.stack.lifecycle.LaterPush;
import com.mallsync.stack.lifecycle.LifecycleMix;
import com.mallsync.stack.lifecycle.OrderStory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link SignedOrders} living on after payment: each order's story is drawn from a {@link LifecycleMix}
 * (deterministically per index), and each later push is the whole order again, signed like the first, showing what
 * happened since ({@link LaterPush}), dated when it is built.
 */
public final class LifecycleOrders implements OrderSource {

    private final SignedOrders orders;
    private final LifecycleMix mix;
    private final long seed;
    private final Clock clock;
    private final Map<Integer, String> paidAt = new ConcurrentHashMap<>();

    public LifecycleOrders(SignedOrders orders, LifecycleMix mix, long seed, Clock clock) {
        this.orders = orders;
        this.mix = mix;
        this.seed = seed;
        this.clock = clock;
    }

    /** The pushes the {@code index}-th order gets. */
    public OrderStory story(int index) {
        return mix.draw(seed, index, LaterPush.lineIds(orders.unsigned(index)));
    }

    @Override
    public String orderNo(int index) {
        return orders.orderNo(index);
    }

    @Override
    public byte[] body(int index) {
        return body(index, 0);
    }

    @Override
    public int pushes(int index) {
        return story(index).pushes().size();
    }

    @Override
    public byte[] body(int index, int push) {
        ZonedDateTime now = clock.instant().atZone(MallTime.ZONE);
        ObjectNode paid = orders.unsigned(index);
        // every push of an order shows the payment's time of the first one, as the mall's would
        String paidAt = this.paidAt.computeIfAbsent(index, i -> paid.get("pay_time").asString());
        paid.put("pay_time", paidAt);
        paid.put("created_at", paidAt);
        paid.put("updated_at", paidAt);
        return SignedOrders.sign(LaterPush.of(paid, story(index).pushes().get(push), now), SignedOrders.MALL_SECRET);
    }
}
