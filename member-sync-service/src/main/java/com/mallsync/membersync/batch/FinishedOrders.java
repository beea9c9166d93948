package com.mallsync.membersync.batch;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Orders whose outcome is out, handed from the sender threads to the poll loop: {@link #drain}, on the loop thread,
 * finishes each in its partition's offsets and then tells the order lines (which are the loop thread's alone) so
 * the next event of that order is decided there. The loop also waits in {@link #drain} for the batches of a
 * revoked partition or of a stop.
 */
final class FinishedOrders {

    private final LinkedBlockingQueue<PendingOrder> queue = new LinkedBlockingQueue<>();
    private final Consumer<PendingOrder> then;

    FinishedOrders() {
        this(o -> { });
    }

    /** @param then told of each finished record of a partition still held, on the poll-loop thread */
    FinishedOrders(Consumer<PendingOrder> then) {
        this.then = then;
    }

    /** Any thread: the order's outcome is published. */
    void add(PendingOrder order) {
        queue.add(order);
    }

    /** Applies what senders finished, waiting up to {@code waitMillis} for the first. */
    void drain(long waitMillis) throws InterruptedException {
        PendingOrder first = waitMillis > 0 ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.poll();
        for (PendingOrder o = first; o != null; o = queue.poll()) {
            if (o.offsets.finished(o.record.offset())) { // false: of a partition revoked since
                then.accept(o);
            }
        }
    }
}
