package com.mallsync.ingest.signature;

/**
 * How a push proves it comes from the mall. One strategy per algorithm, so a real mall's algorithm is added as a
 * new implementation without touching the webhook.
 */
public interface SignatureScheme {

    /**
     * Whether {@code body} is signed by the holder of {@code credentials}.
     *
     * @param body        the request body exactly as received (already known to be one JSON object)
     * @param presented   the signature the push carries ({@code app_sign}), or {@code null} when it has none
     * @param credentials the credentials configured for the push's {@code mall_id}
     */
    boolean verify(byte[] body, String presented, MallCredentials credentials);

    /** Whether this scheme needs a secret per mall (checked at start-up). */
    boolean needsSecret();
}
