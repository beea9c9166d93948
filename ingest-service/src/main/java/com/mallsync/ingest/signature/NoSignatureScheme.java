package com.mallsync.ingest.signature;

/**
 * Accepts every push of a configured mall: only for a mall that cannot sign, and only with
 * {@code ingest.signature.allow-unsigned=true} as well.
 */
final class NoSignatureScheme implements SignatureScheme {

    @Override
    public Verdict verify(SignedPush push, String secret) {
        return Verdict.VERIFIED;
    }

    @Override
    public boolean needsSecret() {
        return false;
    }
}
