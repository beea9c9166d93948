/** Wiring: the consumer, producer, CRM client, breaker and batcher beans, in one place. */
package com.mallsync.membersync.kafka;
