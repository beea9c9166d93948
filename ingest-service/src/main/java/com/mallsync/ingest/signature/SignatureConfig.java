package com.mallsync.ingest.signature;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mallsync.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link MallAuthenticator} and refuses to start with a mall it could not verify, or with {@code none}
 * anywhere unless {@code ingest.signature.allow-unsigned=true} says so too.
 */
@Configuration(proxyBeanMethods = false)
class SignatureConfig {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureConfig.class);

    @Bean
    MallAuthenticator mallAuthenticator(IngestProperties properties) {
        IngestProperties.Signature signature = properties.signature();
        if (signature.tolerance().isNegative() || signature.tolerance().isZero()) {
            throw new IllegalStateException("ingest.signature.tolerance must be positive, not "
                    + signature.tolerance());
        }
        Map<SignatureSchemeName, SignatureScheme> schemes = new EnumMap<>(SignatureSchemeName.class);
        schemes.put(SignatureSchemeName.SORTED_MD5, new SortedMd5Scheme());
        schemes.put(SignatureSchemeName.HMAC_SHA256, new HmacSha256Scheme(signature.tolerance(), Clock.systemUTC()));
        schemes.put(SignatureSchemeName.NONE, new NoSignatureScheme());
        MallAuthenticator authenticator = new MallAuthenticator(schemes, signature.scheme(), properties.malls());

        Map<Long, SignatureSchemeName> perMall = new TreeMap<>();
        properties.malls().forEach((id, c) -> perMall.put(id, authenticator.schemeOf(c)));
        List<Long> unsigned = perMall.entrySet().stream().filter(e -> e.getValue() == SignatureSchemeName.NONE)
                .map(Map.Entry::getKey).toList();
        if (signature.scheme() == SignatureSchemeName.NONE || !unsigned.isEmpty()) {
            if (!signature.allowUnsigned()) {
                throw new IllegalStateException("scheme none is configured (ingest.signature.scheme="
                        + signature.scheme().key() + ", unsigned malls " + unsigned + ") but unsigned pushes are "
                        + "not allowed: set ingest.signature.allow-unsigned=true (INGEST_SIGNATURE_ALLOWUNSIGNED=true)"
                        + " as well to accept pushes without a signature, or configure a signing scheme");
            }
            LOG.warn("scheme none (ingest.signature.allow-unsigned=true): pushes for malls {} are NOT authenticated; "
                    + "anyone who can reach this endpoint can inject orders for them. Use only behind a trusted "
                    + "network.", signature.scheme() == SignatureSchemeName.NONE && unsigned.isEmpty()
                            ? "without their own scheme" : unsigned);
        }
        List<Long> withoutSecret = properties.malls().entrySet().stream()
                .filter(e -> schemes.get(perMall.get(e.getKey())).needsSecret() && !e.getValue().hasSecret())
                .map(Map.Entry::getKey).sorted().toList();
        if (!withoutSecret.isEmpty()) {
            throw new IllegalStateException("ingest.malls." + withoutSecret + ".secret is required by the schemes "
                    + "of those malls (" + withoutSecret.stream().map(id -> perMall.get(id).key()).toList() + ")");
        }
        if (properties.malls().isEmpty()) {
            LOG.warn("no mall configured (ingest.malls.<mallId>.secret): every push will be refused with 401");
        } else {
            LOG.info("signature schemes per mall {} (default {}, hmac-sha256 tolerance {})", perMall,
                    signature.scheme().key(), signature.tolerance());
        }
        return authenticator;
    }
}
