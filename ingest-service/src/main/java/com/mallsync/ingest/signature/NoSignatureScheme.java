package com.mallsync.ingest.signature;

/** Accepts every push of a configured mall: only for a mall that cannot sign, and only when configured. */
final class NoSignatureScheme implements SignatureScheme {

    @Override
    public boolean verify(byte[] body, String presented, MallCredentials credentials) {
        return true;
    }

    @Override
    public boolean needsSecret() {
        return false;
    }
}
