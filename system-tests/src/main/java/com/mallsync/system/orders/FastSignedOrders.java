package com.mallsync.system.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.mallsync.model.Json;
import com.mallsync.model.mall.SortedMd5Signature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same orders as {@link SignedOrders}, signed in microseconds: the body and the signed string are built once
 * with a placeholder for the order number, then only the number and the MD5 change per order. The load generator
 * shares two cores with the system it measures, so it must not spend them parsing JSON. A unit test holds it equal
 * to {@link SortedMd5Signature#sign}.
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
        this.canonicalParts = canonical(template).split(PLACEHOLDER, -1);
    }

    @Override
    public String orderNo(int index) {
        return orders.orderNo(index);
    }

    /** The signed body of the {@code index}-th order. */
    @Override
    public byte[] body(int index) {
        String orderNo = orders.orderNo(index);
        String sign = md5Hex(secret + String.join(orderNo, canonicalParts) + secret);
        StringBuilder out = new StringBuilder(bodyParts[0]);
        for (int i = 1; i < bodyParts.length; i++) {
            out.append(i == bodyParts.length - 1 ? sign : orderNo).append(bodyParts[i].replaceFirst("^SIGN", ""));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The sorted-md5 signed string: top-level strings and numbers but the signature, by key, key + value. */
    static String canonical(ObjectNode push) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        push.properties().forEach(fields::add);
        fields.removeIf(e -> e.getKey().equals(SortedMd5Signature.FIELD)
                || !(e.getValue().isString() || e.getValue().isNumber()));
        fields.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)));
        StringBuilder out = new StringBuilder();
        fields.forEach(e -> out.append(e.getKey()).append(e.getValue().isString() ? e.getValue().asString()
                : e.getValue().toString()));
        return out.toString();
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
