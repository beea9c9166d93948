package com.mallsync.system.orders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;

import com.mallsync.model.Json;
import com.mallsync.model.MallTime;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.testsupport.Seeds;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid, signed pushes shaped exactly like the seed's sample ("有订单会根据以下json格式推送订单"), each with its own
 * order number, paid now (the 2030 rule "saleTime必须在一年以内" refuses the sample's 2025 dates after a year), and
 * with a recognisable full mobile planted in every buyer field, so log scans can look for it.
 *
 * <p>Pure apart from the clock: the same run id and index give the same order number.
 */
public final class SignedOrders implements OrderSource {

    /** Planted in every order's buyer fields: no log line may ever contain it in full. */
    public static final String PLANTED_MOBILE = "13812345678";
    public static final long MALL_ID = 222;
    public static final String MALL_SECRET = "demo-secret-222";

    private final ObjectNode seed;
    private final String runId;
    private final Clock clock;

    /**
     * @param runId ten digits that make this run's order numbers distinct from every other run's
     */
    public SignedOrders(String runId, Clock clock) {
        if (!runId.matches("\\d{10}")) {
            throw new IllegalArgumentException("run id must be ten digits: " + runId);
        }
        this.seed = (ObjectNode) Json.mapper().readTree(Seeds.mallOrderPush());
        this.runId = runId;
        this.clock = clock;
    }

    /** A run id from the clock: seconds since the epoch, last ten digits. */
    public static String runIdFrom(Clock clock) {
        return String.format("%010d", clock.instant().getEpochSecond() % 10_000_000_000L);
    }

    /** The order number of the {@code index}-th order: 20 digits (2030's Code allows 1~26 characters). */
    @Override
    public String orderNo(int index) {
        if (index < 0 || index >= 1_000_000_000) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        return runId + String.format("%010d", index);
    }

    /** The unsigned push of the {@code index}-th order, for callers that break it on purpose before signing. */
    public ObjectNode unsigned(int index) {
        ObjectNode push = seed.deepCopy();
        String now = MallTime.FORMAT.format(LocalDateTime.now(clock.withZone(MallTime.ZONE)));
        push.put("order_no", orderNo(index));
        push.put("pay_order_no", "HM" + orderNo(index));
        push.put("created_at", now);
        push.put("updated_at", now);
        push.put("pay_time", now);
        push.put("mobile", PLANTED_MOBILE);
        ((ObjectNode) push.get("user")).put("mobile", PLANTED_MOBILE);
        push.remove(SortedMd5Signature.FIELD);
        return push;
    }

    /** The signed body of the {@code index}-th order, ready to post. */
    @Override
    public byte[] body(int index) {
        return sign(unsigned(index), MALL_SECRET);
    }

    /** Signs a push with the sorted-md5 scheme and returns the body bytes (signature last, as the mall does). */
    public static byte[] sign(ObjectNode push, String secret) {
        push.remove(SortedMd5Signature.FIELD);
        byte[] unsigned = Json.mapper().writeValueAsBytes(push);
        push.put(SortedMd5Signature.FIELD, SortedMd5Signature.sign(unsigned, secret));
        return Json.mapper().writeValueAsString(push).getBytes(StandardCharsets.UTF_8);
    }
}
