package com.mallsync.ops.dlt;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.model.event.SyncTarget;

/**
 * Which of some orders are delivered at a target: a SYNCED or DUPLICATE outcome on {@code orders.outcomes.v1}
 * (read to its end for every replay, so the one-shot command knows as much as the web console).
 */
final class DeliveredOrders {

    private final Set<String> delivered = new HashSet<>();

    static DeliveredOrders read(TopicReader reader, Set<String> keys) {
        DeliveredOrders out = new DeliveredOrders();
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
                if (outcome.status() != null && outcome.status().delivered() && outcome.target() != null) {
                    out.delivered.add(outcome.key() + "|" + outcome.target());
                }
            } catch (RuntimeException e) {
                // an unreadable outcome delivers nothing
            }
        });
        return out;
    }

    boolean delivered(String key, SyncTarget target) {
        return delivered.contains(key + "|" + target);
    }
}
