package com.mallsync.system.orders;

/**
 * Numbered, signed, valid orders: the {@code index}-th order's number and body, and, for an order that lives on
 * after payment, its later pushes (the mall pushes the whole order again at each change).
 */
public interface OrderSource {

    String orderNo(int index);

    /** The first (paid) push of the {@code index}-th order. */
    byte[] body(int index);

    /** How many pushes the {@code index}-th order gets: 1 when it is paid and nothing more happens. */
    default int pushes(int index) {
        return 1;
    }

    /** Push {@code push} (0 = the paid one) of the {@code index}-th order, built now (its change is dated now). */
    default byte[] body(int index, int push) {
        if (push != 0) {
            throw new IllegalArgumentException("order " + index + " has one push");
        }
        return body(index);
    }

    /** The same orders, numbered from {@code offset} (order 0 of the result is order {@code offset} of this). */
    default OrderSource from(int offset) {
        OrderSource base = this;
        return new OrderSource() {
            @Override
            public String orderNo(int index) {
                return base.orderNo(offset + index);
            }

            @Override
            public byte[] body(int index) {
                return base.body(offset + index);
            }

            @Override
            public int pushes(int index) {
                return base.pushes(offset + index);
            }

            @Override
            public byte[] body(int index, int push) {
                return base.body(offset + index, push);
            }
        };
    }
}
