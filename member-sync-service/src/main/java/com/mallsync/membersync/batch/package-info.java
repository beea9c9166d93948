/**
 * The 2030 batcher: the dispatcher of the runtime's shared poll loop ({@link com.mallsync.membersync.batch.SyncLoop})
 * groups orders per ShopCode,
 * a bounded pool of senders ({@link com.mallsync.membersync.batch.BatchSender}) calls the CRM through a circuit
 * breaker, retries, splits refused batches and publishes every order's outcome; offsets are committed up to the
 * lowest order still unfinished.
 */
package com.mallsync.membersync.batch;
