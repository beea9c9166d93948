/**
 * Readiness of a consumer service, the same in both: the poll loop's state ({@code consumerLoop}) and whether
 * Kafka answers ({@code kafka}), both in {@code /actuator/health} and its {@code readiness} group; a loop that stops
 * turns readiness DOWN and, after the service's {@code consumer.exit-after-failure}, exits the process (see
 * {@link com.mallsync.runtime.LoopWatch}).
 */
package com.mallsync.runtime.health;
