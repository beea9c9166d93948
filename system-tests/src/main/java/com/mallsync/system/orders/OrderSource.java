package com.mallsync.system.orders;

/** Numbered, signed, valid orders: the {@code index}-th order's number and body. */
public interface OrderSource {

    String orderNo(int index);

    byte[] body(int index);

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
        };
    }
}
