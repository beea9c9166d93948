/**
 * The consumer runtime member-sync and erp-sync share: the one poll loop ({@link com.mallsync.runtime.PollLoop},
 * each service supplying only its dispatcher), skipping unreadable records of internal topics
 * ({@link com.mallsync.runtime.SkippedRecords}), the outcome of an unreadable source record
 * ({@link com.mallsync.runtime.UnreadableSource}), the outcome and dead-letter records
({@link com.mallsync.runtime.OutcomeRecords}), the one sink that publishes them with the consumed offsets in one
 * transaction ({@link com.mallsync.runtime.OutcomeSink}, over {@link com.mallsync.runtime.Offsets}), what happens when a poll loop stops ({@link com.mallsync.runtime.LoopWatch}),
 * checking topic configuration at start ({@link com.mallsync.runtime.TopicCheck}), bounded HTTP replies
 * ({@link com.mallsync.runtime.BoundedHttp}), and the one reader of whole topics, from the beginning and then
 * tailing, that the outcome index, erp-sync's ledger and the ops console share
 * ({@link com.mallsync.runtime.TopicTail}). Plain Java and the Kafka client: no Spring.
 */
package com.mallsync.runtime;
