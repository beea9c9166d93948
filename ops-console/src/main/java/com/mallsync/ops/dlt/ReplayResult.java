package com.mallsync.ops.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * @param replayed how many records were re-published to {@code orders.paid.v1}
 * @param perTopic DLT → how many came from it
 * @param ids      the {@code topic/partition/offset} of each
 * @param at       when
 */
public record ReplayResult(int replayed, Map<String, Integer> perTopic, List<String> ids, Instant at) {
}
