package com.mallsync.membersync.batch;

import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.UnreadableSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record read and not yet finished. {@code order} is null for a record that could not be read; {@code crm} until
 * the event is decided to be an upload.
 * The attempt counters are touched by one sender thread at a time.
 */
final class PendingOrder {

    final ConsumerRecord<String, String> record;
    final OffsetTracker tracker;
    final OrderPaid order;
    /** The 2030 order to send, set on the poll-loop thread once decided (before it is handed to a sender). */
    CrmOrder crm;
    /** Requests that carried this order. */
    int calls;
    /** Transient failures charged to this order (only those while the CRM answered other requests). */
    int chargedFailures;

    PendingOrder(ConsumerRecord<String, String> record, OffsetTracker tracker, OrderPaid order) {
        this.record = record;
        this.tracker = tracker;
        this.order = order;
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
