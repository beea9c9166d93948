/** The system benchmark's pass-through baseline: off unless {@code ingest.bench.pass-through-topic} is set. */
package com.mallsync.ingest.bench;
