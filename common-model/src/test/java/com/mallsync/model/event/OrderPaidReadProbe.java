package com.mallsync.model.event;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.sun.management.ThreadMXBean;

import com.mallsync.model.Json;
import com.mallsync.testsupport.Seeds;
import com.mallsync.model.mall.MallOrderPush;
import com.mallsync.model.mall.OrderPaidMapping;

/**
 * Not a test: what reading one {@code orders.paid.v1} value costs a consumer (the seed push's record, as the
 * benchmark's orders are), in time and bytes allocated per read, for {@link Json#read} and {@link Json#readEvent}
 * side by side, alternated. Run it with
 * {@code java -cp <common-model's test classpath> com.mallsync.model.event.OrderPaidReadProbe 200000}.
 */
public final class OrderPaidReadProbe {

    private OrderPaidReadProbe() {
    }

    public static void main(String[] args) {
        int reads = Integer.parseInt(args[0]);
        String seed = Seeds.mallOrderPush();
        String value = Json.writeString(OrderPaidMapping.toOrderPaid(Json.read(seed, MallOrderPush.class), seed,
                Instant.parse("2026-12-04T10:00:00Z")));
        System.out.printf("value: %d chars, %d UTF-8 bytes%n", value.length(),
                value.getBytes(StandardCharsets.UTF_8).length);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 4; round++) {
            for (boolean skipping : new boolean[] {false, true}) {
                long bytes = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                long sink = 0;
                for (int i = 0; i < reads; i++) {
                    OrderPaid paid = skipping ? Json.readEvent(value) : Json.read(value, OrderPaid.class);
                    sink += paid.lines().size();
                }
                long nanos = System.nanoTime() - start;
                long allocated = threads.getCurrentThreadAllocatedBytes() - bytes;
                System.out.printf("round %d %-16s %6.1f us/read, %7.0f bytes/read (%d)%n", round,
                        skipping ? "Json.readEvent" : "Json.read", nanos / 1e3 / reads, (double) allocated / reads, sink);
            }
        }
    }
}
