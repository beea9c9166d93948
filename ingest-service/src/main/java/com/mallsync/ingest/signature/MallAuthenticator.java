package com.mallsync.ingest.signature;

import java.util.Map;

/**
 * Authenticates a push for its {@code mall_id} with that mall's scheme ({@code ingest.malls.<id>.scheme}, else
 * {@code ingest.signature.scheme}) and secret.
 *
 * <p>A mall that is not configured is not answered any faster: its push is verified with the default scheme and a
 * decoy secret (which fails), so the reply and about the time it takes are those of a bad signature.
 */
public final class MallAuthenticator {

    private static final String DECOY_SECRET = "decoy-secret-for-unknown-malls";

    private final Map<SignatureSchemeName, SignatureScheme> schemes;
    private final SignatureSchemeName defaultScheme;
    private final Map<Long, MallCredentials> malls;

    MallAuthenticator(Map<SignatureSchemeName, SignatureScheme> schemes, SignatureSchemeName defaultScheme,
            Map<Long, MallCredentials> malls) {
        this.schemes = Map.copyOf(schemes);
        this.defaultScheme = defaultScheme;
        this.malls = Map.copyOf(malls);
    }

    /**
     * @throws IllegalArgumentException when the body cannot be canonicalised (not one object, repeated keys)
     */
    public Verdict verify(long mallId, SignedPush push) {
        MallCredentials credentials = malls.get(mallId);
        if (credentials == null) {
            SignatureScheme decoy = schemes.get(defaultScheme);
            if (decoy.needsSecret()) {
                decoy.verify(push, DECOY_SECRET);
            }
            return Verdict.UNKNOWN_MALL;
        }
        return schemes.get(schemeOf(credentials)).verify(push, credentials.secret());
    }

    /** The scheme a mall signs with. */
    public SignatureSchemeName schemeOf(MallCredentials credentials) {
        return credentials.scheme() == null ? defaultScheme : credentials.scheme();
    }
}
