package com.mallsync.ingest.signature;

/**
 * What a push presents to prove where it comes from.
 *
 * @param body      the request body exactly as received (already known to be one JSON object)
 * @param appSign   the body's {@code app_sign} string ({@code sorted-md5}), or {@code null}
 * @param timestamp the {@code X-Mall-Timestamp} header ({@code hmac-sha256}), or {@code null}
 * @param signature the {@code X-Mall-Signature} header ({@code hmac-sha256}), or {@code null}
 */
public record SignedPush(byte[] body, String appSign, String timestamp, String signature) {
}
