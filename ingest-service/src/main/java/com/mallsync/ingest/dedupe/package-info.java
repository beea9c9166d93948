/**
 * The ingest-side memory of the orders pushed lately (one instance, since its start): which facts of each order were
 * published, and the rules that tell a new fact from a repeat and from a contradiction. The consumers' deduplication
 * on the event id is the real guarantee.
 */
package com.mallsync.ingest.dedupe;
