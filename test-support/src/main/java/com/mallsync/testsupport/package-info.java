/**
 * Test support shared by every module's tests: {@link com.mallsync.testsupport.KafkaTestBroker} gives an
 * integration test a real broker (never a mock), {@link com.mallsync.testsupport.TopicProbe} reads what landed on a
 * topic, {@link com.mallsync.testsupport.Seeds} holds the seeds' samples verbatim.
 */
package com.mallsync.testsupport;
