/**
 * How a push proves it comes from a configured mall: one {@link com.mallsync.ingest.signature.SignatureScheme} per algorithm ({@code sorted-md5} by default, {@code none} only when configured), per-mall credentials.
 */
package com.mallsync.ingest.signature;
