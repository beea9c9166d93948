/**
 * member-sync-service: OrderPaid → batched EZR 2030 uploads → SyncOutcome. Features: {@code mapping} (pure
 * OrderPaid → 2030 row and the 2030 rules), {@code crm} (the signed HTTP client), {@code batch} (poll loop, batches,
 * retries, breaker, outcomes), {@code kafka} (wiring).
 */
package com.mallsync.membersync;
