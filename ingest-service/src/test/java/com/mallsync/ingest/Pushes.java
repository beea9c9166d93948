package com.mallsync.ingest;

import java.nio.charset.StandardCharsets;

import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.testsupport.Seeds;

/**
 * Seed-shaped pushes, edited as text so every other byte stays as the mall sent it, and signed with the shared
 * {@link SortedMd5Signature} (the code the load tool signs with too).
 */
public final class Pushes {

    public static final long MALL = 222;
    public static final String SECRET = "test-secret-222";
    public static final String SEED_ORDER_NO = "20250320165809904355";
    static final String SEED_SIGN = "\"app_sign\": \"baaeda3f7f1c3529010816ddb50778f6\"";

    private Pushes() {
    }

    /** The seed sample verbatim, with its {@code app_sign} replaced by one made with {@code secret}. */
    public static String signedSeed(String secret) {
        return sign(Seeds.mallOrderPush(), secret);
    }

    /** The seed sample with another order number, signed. */
    public static String signedSeedWithOrderNo(String orderNo, String secret) {
        return sign(withOrderNo(Seeds.mallOrderPush(), orderNo), secret);
    }

    public static String withOrderNo(String push, String orderNo) {
        return replaceOnce(push, "\"order_no\": \"" + SEED_ORDER_NO + "\"", "\"order_no\": \"" + orderNo + "\"");
    }

    /** Replaces the first occurrence of {@code from}, failing loudly if it is not there. */
    public static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("not in the push: " + from);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /**
     * Signs a seed-shaped push: the signature is computed over the body as it is (it excludes {@code app_sign}), then
     * written into the seed's {@code app_sign} slot, which does not change what was signed.
     */
    public static String sign(String push, String secret) {
        String signature = SortedMd5Signature.sign(push.getBytes(StandardCharsets.UTF_8), secret);
        return replaceOnce(push, SEED_SIGN, "\"app_sign\": \"" + signature + "\"");
    }
}
