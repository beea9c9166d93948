package com.mallsync.ingest.signature;

/**
 * One mall's credentials as the mall's back office sets them ("设置第三方ERP的AppKey和密钥").
 *
 * @param appKey the AppKey given to the mall; kept for schemes that use it (none does yet: the sample push carries
 *               no AppKey field)
 * @param secret the shared secret the push is signed with
 * @param scheme how this mall signs ({@code ingest.malls.<id>.scheme}); {@code null} = {@code ingest.signature.scheme}
 */
public record MallCredentials(String appKey, String secret, SignatureSchemeName scheme) {

    boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "MallCredentials[appKey=" + appKey + ", secret=" + (hasSecret() ? "***" : "<none>") + ", scheme="
                + (scheme == null ? "<default>" : scheme.key()) + "]";
    }
}
