/**
 * The consuming side: the dispatcher of the runtime's shared poll loop
 * ({@link com.mallsync.erpsync.consumer.ErpSyncConsumer}), per-key parallel scheduling, the per-order retry/breaker logic, outcomes and dead letters.
 */
package com.mallsync.erpsync.consumer;
