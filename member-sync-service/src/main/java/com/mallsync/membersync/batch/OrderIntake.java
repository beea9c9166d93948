package com.mallsync.membersync.batch;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.mallsync.membersync.mapping.CrmMapping;
import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.membersync.mapping.CrmOrderMapping;
import com.mallsync.membersync.mapping.CrmOrderRules;
import com.mallsync.membersync.mapping.ShopChannel;
import com.mallsync.model.Json;
import com.mallsync.model.event.OrderPaid;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record read → an order ready to batch, or the reason it can never be sent. */
final class OrderIntake {

    private final Map<Long, ShopChannel> shops;
    private final Clock clock;

    OrderIntake(Map<Long, ShopChannel> shops, Clock clock) {
        this.shops = shops;
        this.clock = clock;
    }

    /** Either {@code order} (ready to send) or {@code refused} (with {@code reason}) is set. */
    record Result(PendingOrder order, PendingOrder refused, String reason) {
    }

    Result take(ConsumerRecord<String, String> record, OffsetTracker tracker) {
        OrderPaid order;
        try {
            order = record.value() == null ? null : Json.read(record.value(), OrderPaid.class);
        } catch (RuntimeException e) {
            order = null;
        }
        if (order == null || order.orderNo() == null || order.eventId() == null) {
            // An outcome under the key's order and an id of the record's own (UnreadableSource), and the DLT.
            return refused(record, tracker, null, "not a readable OrderPaid");
        }
        if (order.schemaVersion() != OrderPaid.SCHEMA_VERSION) {
            return refused(record, tracker, order, "OrderPaid schemaVersion " + order.schemaVersion() + " is not "
                    + OrderPaid.SCHEMA_VERSION);
        }
        ShopChannel shop = shops.get(order.mallId());
        if (shop == null) {
            return refused(record, tracker, order, "no 2030 channel configured for mall " + order.mallId()
                    + " (member-sync.shops." + order.mallId() + ".shop-code)");
        }
        if (order.amounts() == null) {
            return refused(record, tracker, order, "OrderPaid has no amounts");
        }
        CrmOrder crm;
        Optional<String> violation;
        try {
            CrmMapping mapping = CrmOrderMapping.map(order, shop);
            if (mapping instanceof CrmMapping.Refused refused) {
                return refused(record, tracker, order, refused.reason());
            }
            crm = ((CrmMapping.Mapped) mapping).order();
            violation = CrmOrderRules.firstViolation(crm, clock.instant());
        } catch (RuntimeException e) {
            // Parses but cannot be mapped (a null amount, null lines, ...): it never will be. Not the loop's end.
            return refused(record, tracker, order, "cannot be mapped: " + e);
        }
        if (violation.isPresent()) {
            return refused(record, tracker, order, violation.get());
        }
        return new Result(new PendingOrder(record, tracker, order, crm), null, null);
    }

    private static Result refused(ConsumerRecord<String, String> record, OffsetTracker tracker, OrderPaid order,
                                  String reason) {
        return new Result(null, new PendingOrder(record, tracker, order, null), reason);
    }
}
