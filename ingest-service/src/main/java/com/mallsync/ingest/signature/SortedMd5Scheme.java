package com.mallsync.ingest.signature;

import com.mallsync.model.mall.SortedMd5Signature;

/**
 * The default ({@code sorted-md5}): delegates to the shared {@link SortedMd5Signature}, the same code the load tool
 * and the tests sign with, so the two cannot drift.
 */
final class SortedMd5Scheme implements SignatureScheme {

    @Override
    public Verdict verify(SignedPush push, String secret) {
        // computed even without a presented signature: a missing one costs what a wrong one costs
        String expected = SortedMd5Signature.sign(push.body(), secret == null ? "" : secret);
        boolean good = push.appSign() != null && !push.appSign().isBlank() && secret != null && !secret.isEmpty()
                && SortedMd5Signature.matches(push.appSign(), expected);
        return good ? Verdict.VERIFIED : Verdict.BAD_SIGNATURE;
    }

    @Override
    public boolean needsSecret() {
        return true;
    }
}
