/**
 * The mall's webhook: verified, validated, deduplicated pushes published to {@code orders.paid.v1}; settings in {@link com.mallsync.ingest.IngestProperties}.
 */
package com.mallsync.ingest;
