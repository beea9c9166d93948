package com.mallsync.membersync.batch;

import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.UnreadableSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record read and not yet finished. {@code order}/{@code crm} are null for a record that could not be read.
 * The attempt counters are touched by one sender thread at a time.
 */
final class PendingOrder {

    final ConsumerRecord<String, String> record;
    final OffsetTracker tracker;
    final OrderPaid order;
    final CrmOrder crm;
    /** Requests that carried this order. */
    int calls;
    /** Transient failures charged to this order (only those while the CRM answered other requests). */
    int chargedFailures;

    PendingOrder(ConsumerRecord<String, String> record, OffsetTracker tracker, OrderPaid order, CrmOrder crm) {
        this.record = record;
        this.tracker = tracker;
        this.order = order;
        this.crm = crm;
    }

    /** A DLT replay by the ops console: decided again even after a REJECTED or FAILED outcome. */
    boolean replayed() {
        return record.headers().lastHeader(RecordHeaders.REPLAYED_FROM) != null;
    }

    /** The order's eventId; for an unreadable record, the id of its outcome ({@link UnreadableSource}). */
    java.util.UUID eventId() {
        return order != null ? order.eventId()
                : UnreadableSource.eventId(record.topic(), record.partition(), record.offset());
    }

    String code() {
        return crm.code();
    }

    @Override
    public String toString() {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " " + record.key();
    }
}
