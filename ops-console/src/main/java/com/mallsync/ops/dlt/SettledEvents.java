package com.mallsync.ops.dlt;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.ops.ledger.EventRef;

/**
 * Which events of some orders are settled at a target: a SYNCED, DUPLICATE or SKIPPED outcome of that event (order
 * key + event + line) on {@code orders.outcomes.v1}, read to its end for every replay, so the one-shot command knows
 * as much as the web console. Per event, not per order: an order whose sale is delivered may still have a REJECTED
 * return to replay.
 */
final class SettledEvents {

    private record Settled(String key, EventRef event, SyncTarget target) {
    }

    private final Set<Settled> settled = new HashSet<>();

    static SettledEvents read(TopicReader reader, Set<String> keys) {
        SettledEvents out = new SettledEvents();
        if (keys.isEmpty()) {
            return out;
        }
        reader.read(Topics.ORDERS_OUTCOMES, record -> {
            if (record.key() == null || record.value() == null
                    || !keys.contains(new String(record.key(), StandardCharsets.UTF_8))) {
                return;
            }
            try {
                SyncOutcome outcome = Json.read(new String(record.value(), StandardCharsets.UTF_8), SyncOutcome.class);
                if (outcome.status() != null && outcome.status().settled() && outcome.target() != null) {
                    out.settled.add(new Settled(outcome.key(), EventRef.of(outcome), outcome.target()));
                }
            } catch (RuntimeException e) {
                // an unreadable outcome settles nothing
            }
        });
        return out;
    }

    boolean settled(String key, EventRef event, SyncTarget target) {
        return settled.contains(new Settled(key, event, target));
    }
}
