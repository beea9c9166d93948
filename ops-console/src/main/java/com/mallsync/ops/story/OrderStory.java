package com.mallsync.ops.story;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncTarget;

/**
 * What the order search answers for one order.
 *
 * @param key        {@code mallId:orderNo}
 * @param mallId     the mall
 * @param orderNo    the mall's order number
 * @param receivedAt when ingest accepted it (its first record on {@code orders.paid.v1}), or {@code null}
 * @param latest     the latest outcome per target (what decides "overdue")
 * @param steps      everything seen, oldest first
 * @param notes      what the story may be missing, and why
 */
public record OrderStory(String key, String mallId, String orderNo, Instant receivedAt,
                         Map<SyncTarget, SyncOutcome> latest, List<StoryStep> steps, List<String> notes) {
}
