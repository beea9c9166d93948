package com.mallsync.ingest.signature;

/**
 * How a push proves it comes from the mall. One strategy per algorithm, so a real mall's algorithm is added as a
 * new implementation without touching the webhook.
 */
interface SignatureScheme {

    /**
     * Whether {@code push} is signed by the holder of {@code secret}: {@link Verdict#VERIFIED},
     * {@link Verdict#BAD_SIGNATURE} or {@link Verdict#OUTSIDE_WINDOW}.
     *
     * @throws IllegalArgumentException when the body cannot be canonicalised (not one object, repeated keys)
     */
    Verdict verify(SignedPush push, String secret);

    /** Whether this scheme needs a secret per mall (checked at start-up). */
    boolean needsSecret();
}
