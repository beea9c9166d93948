package com.mallsync.membersync.batch;

import java.util.UUID;

import com.mallsync.membersync.mapping.CrmOrder;
import com.mallsync.model.RecordHeaders;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.PartitionOffsets;
import com.mallsync.runtime.UnreadableSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record read and not yet finished. {@code order} is null for a record that could not be read; {@link #crm()}
 * until the event is decided to be an upload.
 *
 * <p>Threads: the 2030 order is set on the poll-loop thread before the order is handed to a sender (the executor's
 * hand-off publishes it); the attempt counters are touched by one sender thread at a time (the one delivering its
 * batch) and read for its outcome only after its last call, so they need no synchronisation.
 */
final class PendingOrder {

    final ConsumerRecord<String, String> record;
    final PartitionOffsets offsets;
    final OrderPaid order;
    private CrmOrder crm;
    private int calls;
    private int chargedFailures;

    PendingOrder(ConsumerRecord<String, String> record, PartitionOffsets offsets, OrderPaid order) {
        this.record = record;
        this.offsets = offsets;
        this.order = order;
    }

    /** Decided to be an upload: this is the 2030 order to send. Poll-loop thread, before any sender sees it. */
    void uploadAs(CrmOrder crm) {
        this.crm = crm;
    }

    /** The 2030 order to send; null until decided to be an upload. */
    CrmOrder crm() {
        return crm;
    }

    /** A request carrying this order is about to be sent. */
    void countCall() {
        calls++;
    }

    /** Requests that carried this order. */
    int calls() {
        return calls;
    }

    /** A transient failure is this order's (the CRM answered other requests meanwhile): it spends its budget. */
    void chargeFailure() {
        chargedFailures++;
    }

    /** Transient failures charged to this order. */
    int chargedFailures() {
        return chargedFailures;
    }

    /** A DLT replay by the ops console: decided again even after a REJECTED or FAILED outcome. */
    boolean replayed() {
        return record.headers().lastHeader(RecordHeaders.REPLAYED_FROM) != null;
    }

    /** The order's eventId; for an unreadable record, the id of its outcome ({@link UnreadableSource}). */
    UUID eventId() {
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
