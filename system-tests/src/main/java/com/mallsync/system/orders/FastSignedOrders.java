package com.mallsync.system.orders;

import java.nio.charset.StandardCharsets;

import com.mallsync.model.Json;
import com.mallsync.model.mall.SortedMd5Signature;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same orders as {@link SignedOrders}, signed in microseconds: the body and the signed string are built once
 * with a placeholder for the order number (by {@link SortedMd5Signature#canonical}), then only the number and the
 * MD5 change per order. The load generator shares two cores with the system it measures, so it must not spend them
 * parsing JSON. A unit test holds it equal to {@link SortedMd5Signature#sign}.
 */
public final class FastSignedOrders implements OrderSource {

    private static final String PLACEHOLDER = "@@ORDERNO@@";

    private final SignedOrders orders;
    private final String[] bodyParts;
    private final String[] canonicalParts;
    private final String secret;

    public FastSignedOrders(SignedOrders orders, String secret) {
        this.orders = orders;
        this.secret = secret;
        ObjectNode template = orders.unsigned(0);
        template.put("order_no", PLACEHOLDER);
        template.put("pay_order_no", "HM" + PLACEHOLDER);
        String body = Json.writeString(template);
        // the signature goes last, as the mall sends it
        this.bodyParts = (body.substring(0, body.length() - 1) + ",\"" + SortedMd5Signature.FIELD + "\":\""
                + PLACEHOLDER + "SIGN\"}").split(PLACEHOLDER, -1);
        // the one canonical form (SortedMd5Signature), computed once with the placeholder in place of the number:
        // canonical JSON copies a string of digits as it is, so substituting the number afterwards is exact
        this.canonicalParts = SortedMd5Signature.canonical(body.getBytes(StandardCharsets.UTF_8))
                .split(PLACEHOLDER, -1);
    }

    @Override
    public String orderNo(int index) {
        return orders.orderNo(index);
    }

    /** The signed body of the {@code index}-th order. */
    @Override
    public byte[] body(int index) {
        String orderNo = orders.orderNo(index);
        String sign = SortedMd5Signature.signCanonical(String.join(orderNo, canonicalParts), secret);
        StringBuilder out = new StringBuilder(bodyParts[0]);
        for (int i = 1; i < bodyParts.length; i++) {
            out.append(i == bodyParts.length - 1 ? sign : orderNo).append(bodyParts[i].replaceFirst("^SIGN", ""));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
