package com.mallsync.model.mall;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code hmac-sha256} scheme, for malls that can be configured to sign this way: the mall sends
 * {@value #TIMESTAMP_HEADER} (Unix time in seconds, decimal) and
 * {@value #SIGNATURE_HEADER} = lowercase hex {@code HMAC-SHA256(secret, timestamp + "." + body)}, where
 * {@code body} is the request body's raw bytes exactly as sent. The body's own {@code app_sign} is not used.
 *
 * <p>Signing the raw bytes leaves nothing to canonicalise (no ambiguity by construction); the timestamp in the
 * signed bytes lets the receiver refuse a captured push replayed outside its tolerance window.
 *
 * <p>Pure and shared: ingest verifies with it, the tests sign with it.
 */
public final class HmacSha256Signature {

    public static final String TIMESTAMP_HEADER = "X-Mall-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Mall-Signature";

    private HmacSha256Signature() {
    }

    /** Lowercase hex {@code HMAC-SHA256(secret, timestamp + "." + body)}. */
    public static String sign(String timestamp, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** {@link #sign(String, byte[], String)} with the timestamp as Unix seconds. */
    public static String sign(long epochSeconds, byte[] body, String secret) {
        return sign(Long.toString(epochSeconds), body, secret);
    }
}
