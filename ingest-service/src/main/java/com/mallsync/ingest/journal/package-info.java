/**
 * The push journal: each webhook push of the last orders and what ingest answered, kept in memory (bounded) and
 * served at {@code GET /pushes?order=} for the ops console's order search.
 */
package com.mallsync.ingest.journal;
