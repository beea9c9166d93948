package com.mallsync.ingest.signature;

/**
 * One mall's credentials as the mall's back office sets them ("设置第三方ERP的AppKey和密钥").
 *
 * @param appKey the AppKey given to the mall; kept for schemes that use it (the default one does not: the sample
 *               push carries no AppKey field)
 * @param secret the shared secret the push is signed with
 */
public record MallCredentials(String appKey, String secret) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "MallCredentials[appKey=" + appKey + ", secret=" + (secret == null || secret.isEmpty() ? "<none>" : "***")
                + "]";
    }
}
