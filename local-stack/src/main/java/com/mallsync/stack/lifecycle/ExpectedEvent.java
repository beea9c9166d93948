package com.mallsync.stack.lifecycle;

import java.util.UUID;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncStatus;
import com.mallsync.model.event.SyncTarget;

/**
 * One event of an order and the outcome each target must give it ({@link LifecycleRules}).
 *
 * @param fact the event and, for a refund, its line
 * @param crm  SYNCED (a sale or a return row sent) or SKIPPED
 * @param erp  SYNCED (a sale or a return sent) or SKIPPED
 */
public record ExpectedEvent(OrderStory.Fact fact, SyncStatus crm, SyncStatus erp) {

    public SyncStatus at(SyncTarget target) {
        return target == SyncTarget.CRM_2030 ? crm : erp;
    }

    public OrderEvent event() {
        return fact.event();
    }

    public Long line() {
        return fact.line();
    }

    /** The event's id ({@link OrderEvent#eventId}): what its outcomes carry. */
    public UUID eventId(long mallId, String orderNo) {
        return fact.event().eventId(mallId, orderNo, fact.line());
    }

    /** Whether the target then holds something for it: the sale (PAID or the CRM's trigger) or a return. */
    public boolean stored(SyncTarget target) {
        return at(target) == SyncStatus.SYNCED;
    }

    /** Whether what the target holds for it is a return (TH 1 / a row with OriginalCode) rather than the sale. */
    public boolean isReturn() {
        return fact.event() == OrderEvent.REFUNDED || fact.event() == OrderEvent.CANCELLED;
    }
}
