/**
 * The ingest-side memory of recently accepted orders (one instance, since its start); consumers' deduplication on the event id is the real guarantee.
 */
package com.mallsync.ingest.dedupe;
