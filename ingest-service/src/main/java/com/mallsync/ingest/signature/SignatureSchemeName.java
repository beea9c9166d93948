package com.mallsync.ingest.signature;

import java.util.Locale;

/**
 * The values of {@code ingest.signature.scheme} and {@code ingest.malls.<id>.scheme}; relaxed binding reads
 * {@code sorted-md5} as {@link #SORTED_MD5} and {@code hmac-sha256} as {@link #HMAC_SHA256}.
 */
public enum SignatureSchemeName {
    SORTED_MD5,
    HMAC_SHA256,
    NONE;

    /** As written in the configuration. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
