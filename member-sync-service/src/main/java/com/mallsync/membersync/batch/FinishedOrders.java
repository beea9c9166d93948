package com.mallsync.membersync.batch;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.mallsync.runtime.Publication;

/**
 * Orders decided, with what they publish, handed from the sender threads to the poll loop: {@link #drain}, on the
 * loop thread, finishes each in its partition's offsets (its publication then waits there for the transaction that
 * commits past it) and then tells the order lines (which are the loop thread's alone) so the next event of that
 * order is decided there. The loop also waits in {@link #drain} for the batches of a
 * revoked partition or of a stop.
 */
final class FinishedOrders {

    private record Done(PendingOrder order, Publication publication) {
    }

    private final LinkedBlockingQueue<Done> queue = new LinkedBlockingQueue<>();
    /** Set once, before the first drain (the poll loop is made after the publisher that feeds it). */
    private Consumer<PendingOrder> then;

    FinishedOrders() {
        this(o -> { });
    }

    /** @param then told of each finished record of a partition still held, on the poll-loop thread */
    FinishedOrders(Consumer<PendingOrder> then) {
        this.then = then;
    }

    /** Poll-loop thread, before the first drain: who is told of each finished record. */
    void then(Consumer<PendingOrder> then) {
        this.then = then;
    }

    /** Any thread: the order is done with nothing to publish (a skipped redelivery, a twin). */
    void add(PendingOrder order) {
        add(order, Publication.NONE);
    }

    /** Any thread: the order is decided; {@code publication} goes out with its offset. */
    void add(PendingOrder order, Publication publication) {
        queue.add(new Done(order, publication));
    }

    /** Applies what senders finished, without waiting. */
    void drain() {
        apply(queue.poll());
    }

    /** Applies what senders finished, waiting up to {@code waitMillis} for the first. */
    void drain(long waitMillis) throws InterruptedException {
        apply(waitMillis > 0 ? queue.poll(waitMillis, TimeUnit.MILLISECONDS) : queue.poll());
    }

    private void apply(Done first) {
        for (Done d = first; d != null; d = queue.poll()) {
            PendingOrder o = d.order();
            if (o.offsets.finished(o.record.offset(), d.publication())) {
                then.accept(o);
            } else {
                d.publication().dropped().run(); // of a partition revoked since: its claim goes, the owner decides
            }
        }
    }
}
