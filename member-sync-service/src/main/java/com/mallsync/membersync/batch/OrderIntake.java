package com.mallsync.membersync.batch;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.mallsync.membersync.lifecycle.CrmDecision;
import com.mallsync.membersync.lifecycle.CrmLifecycle;
import com.mallsync.membersync.mapping.CrmOrderRules;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.runtime.PartitionOffsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record read → an event to decide, or the reason it can never be sent ({@link #read}); then, once every earlier
 * event of its order is decided here, what it comes to ({@link #decide}): a 2030 order that passed the rules, SKIPPED
 * or REJECTED.
 */
final class OrderIntake {

    private final Map<Long, ShopChannel> shops;
    private final OrderEvent trigger;
    private final Clock clock;

    OrderIntake(Map<Long, ShopChannel> shops, OrderEvent trigger, Clock clock) {
        this.shops = shops;
        this.trigger = trigger;
        this.clock = clock;
    }

    /** What a record read comes to: an event to decide, or one refused for good (with why). */
    sealed interface Result {
    }

    /** Readable and sendable in principle: decide it once every earlier event of its order is decided. */
    record Read(PendingOrder order) implements Result {
    }

    /** Can never be sent (its outcome is REJECTED): {@code order.order} is null when the record is unreadable. */
    record Refused(PendingOrder order, String reason) implements Result {
    }

    Result read(ConsumerRecord<String, String> record, PartitionOffsets offsets) {
        OrderPaid order;
        try {
            order = record.value() == null ? null : Json.readEvent(record.value());
        } catch (RuntimeException e) {
            order = null;
        }
        if (order == null || order.orderNo() == null || order.eventId() == null) {
            // An outcome under the key's order and an id of the record's own (UnreadableSource), and the DLT.
            return refused(record, offsets, null, "not a readable OrderPaid");
        }
        if (!OrderPaid.readableVersion(order.schemaVersion())) {
            return refused(record, offsets, order, "OrderPaid schemaVersion " + order.schemaVersion()
                    + " is not one this build reads (1 or " + OrderPaid.SCHEMA_VERSION + ")");
        }
        if (order.event() == OrderEvent.REFUNDED && order.line() == null) {
            return refused(record, offsets, order, "a REFUNDED event names no line");
        }
        if (shops.get(order.mallId()) == null) {
            return refused(record, offsets, order, "no 2030 channel configured for mall " + order.mallId()
                    + " (member-sync.shops." + order.mallId() + ".shop-code)");
        }
        if (order.amounts() == null) {
            return refused(record, offsets, order, "OrderPaid has no amounts");
        }
        return new Read(new PendingOrder(record, offsets, order));
    }

    /**
     * What the event comes to, given this target's outcomes of the order's earlier events ({@code known}); an
     * Upload's order is set on {@code pending} and has passed {@link CrmOrderRules}.
     */
    CrmDecision decide(PendingOrder pending, Function<UUID, Optional<SyncStatus>> known) {
        CrmDecision decision;
        try {
            decision = CrmLifecycle.decide(pending.order, trigger, shops.get(pending.order.mallId()), known);
            if (decision instanceof CrmDecision.Upload upload) {
                Optional<String> violation = CrmOrderRules.firstViolation(upload.order(), clock.instant());
                if (violation.isPresent()) {
                    return new CrmDecision.Reject(violation.get());
                }
                pending.uploadAs(upload.order());
            }
        } catch (RuntimeException e) {
            // Parses but cannot be mapped (a null amount, null lines, ...): it never will be. Not the loop's end.
            return new CrmDecision.Reject("cannot be mapped: " + e);
        }
        return decision;
    }

    private static Result refused(ConsumerRecord<String, String> record, PartitionOffsets offsets, OrderPaid order,
                                  String reason) {
        return new Refused(new PendingOrder(record, offsets, order), reason);
    }
}
