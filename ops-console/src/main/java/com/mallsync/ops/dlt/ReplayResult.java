package com.mallsync.ops.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * @param replayed how many records the broker acknowledged on {@code orders.paid.v1}
 * @param failed   how many sends failed (not counted as replayed; "replay all" tries them again next time)
 * @param perTopic DLT → how many were replayed from it
 * @param skipped  why the other selected records were not replayed → how many
 * @param ids      the {@code topic/partition/offset} of each replayed record
 * @param failures id → the send's error
 * @param inDoubt  the in-doubt decision sent with them ({@code HOLD} or {@code RESEND})
 * @param at       when
 */
public record ReplayResult(int replayed, int failed, Map<String, Integer> perTopic, Map<String, Integer> skipped,
                           List<String> ids, Map<String, String> failures, String inDoubt, Instant at) {
}
