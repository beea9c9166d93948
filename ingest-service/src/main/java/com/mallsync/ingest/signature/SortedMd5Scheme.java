package com.mallsync.ingest.signature;

import com.mallsync.model.mall.SortedMd5Signature;

/**
 * The documented default ({@code sorted-md5}, ARCHITECTURE.md "Signature"): delegates to the shared
 * {@link SortedMd5Signature}, the same code the load tool and the tests sign with, so the two cannot drift.
 */
final class SortedMd5Scheme implements SignatureScheme {

    @Override
    public boolean verify(byte[] body, String presented, MallCredentials credentials) {
        if (presented == null || presented.isBlank() || credentials.secret() == null || credentials.secret().isEmpty()) {
            return false;
        }
        String expected = SortedMd5Signature.sign(body, credentials.secret());
        return SortedMd5Signature.matches(presented, expected);
    }

    @Override
    public boolean needsSecret() {
        return true;
    }
}
