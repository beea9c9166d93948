/**
 * Readiness: the poll loop's state ({@code consumerLoop}) and whether Kafka answers ({@code kafka}), both in
 * {@code /actuator/health} and its {@code readiness} group; a loop that stops turns readiness DOWN and, after
 * {@code erp-sync.consumer.exit-after-failure}, exits the process (see {@link com.mallsync.runtime.LoopWatch}).
 */
package com.mallsync.erpsync.health;
