/**
 * The consuming side: the poll loop ({@link com.mallsync.erpsync.consumer.ErpSyncConsumer}), per-key parallel
 * scheduling, offset tracking, the per-order retry/breaker logic, outcomes and dead letters.
 */
package com.mallsync.erpsync.consumer;
