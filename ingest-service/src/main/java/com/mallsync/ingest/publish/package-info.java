/**
 * The acknowledged publish: an idempotent {@code acks=all} producer whose every wait ends within {@code ingest.publish.timeout}.
 */
package com.mallsync.ingest.publish;
