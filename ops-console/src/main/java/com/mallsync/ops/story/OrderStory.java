package com.mallsync.ops.story;

import java.time.Instant;
import java.util.List;

import com.mallsync.ops.ledger.EventView;

/**
 * What the order search answers for one order.
 *
 * @param key                  {@code mallId:orderNo}
 * @param mallId               the mall
 * @param orderNo              the mall's order number
 * @param receivedAt           when ingest accepted its first event, or {@code null}
 * @param events               each event of the order (PAID, CONFIRMED, REFUNDED per line, CANCELLED, in that
 *                             order) with its latest outcome per target, and the targets it still waits for
 * @param awaitingConfirmation the CRM skipped the PAID event because it uploads the sale on CONFIRMED, and the
 *                             order is neither confirmed nor cancelled yet: waiting for the buyer, not late
 * @param steps                everything seen, oldest first
 * @param notes                what the story may be missing, and why
 */
public record OrderStory(String key, String mallId, String orderNo, Instant receivedAt, List<EventView> events,
                         boolean awaitingConfirmation, List<StoryStep> steps, List<String> notes) {
}
