package com.mallsync.ingest.signature;

import java.util.List;

import com.mallsync.ingest.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the configured scheme and refuses to start with a mall it could not verify. */
@Configuration(proxyBeanMethods = false)
class SignatureConfig {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureConfig.class);

    @Bean
    SignatureScheme signatureScheme(IngestProperties properties) {
        SignatureScheme scheme = switch (properties.signature().scheme()) {
            case SORTED_MD5 -> new SortedMd5Scheme();
            case NONE -> new NoSignatureScheme();
        };
        if (properties.signature().scheme() == SignatureSchemeName.NONE) {
            LOG.warn("ingest.signature.scheme=none: pushes are NOT authenticated; anyone who can reach this endpoint "
                    + "can inject orders for malls {}. Use only behind a trusted network.", properties.malls().keySet());
        }
        if (scheme.needsSecret()) {
            List<Long> withoutSecret = properties.malls().entrySet().stream()
                    .filter(e -> e.getValue() == null || e.getValue().secret() == null || e.getValue().secret().isBlank())
                    .map(java.util.Map.Entry::getKey).sorted().toList();
            if (!withoutSecret.isEmpty()) {
                throw new IllegalStateException("ingest.malls." + withoutSecret + ".secret is required by scheme "
                        + properties.signature().scheme());
            }
        }
        if (properties.malls().isEmpty()) {
            LOG.warn("no mall configured (ingest.malls.<mallId>.secret): every push will be refused with 401");
        } else {
            LOG.info("signature scheme {}, malls {}", properties.signature().scheme(), properties.malls().keySet());
        }
        return scheme;
    }
}
