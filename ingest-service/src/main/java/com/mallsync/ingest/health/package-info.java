/**
 * Actuator health of the Kafka cluster this service publishes to.
 */
package com.mallsync.ingest.health;
