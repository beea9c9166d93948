/**
 * The events on the topics: {@link com.mallsync.model.event.OrderPaid} (what ingest publishes) and
 * {@link com.mallsync.model.event.SyncOutcome} (an order's fate at one target). Immutable records named in the past
 * tense, each with an id and an {@link java.time.Instant}.
 */
package com.mallsync.model.event;
