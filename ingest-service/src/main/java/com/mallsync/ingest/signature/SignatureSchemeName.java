package com.mallsync.ingest.signature;

/** The values of {@code ingest.signature.scheme}; relaxed binding reads {@code sorted-md5} as {@link #SORTED_MD5}. */
public enum SignatureSchemeName {
    SORTED_MD5,
    NONE
}
