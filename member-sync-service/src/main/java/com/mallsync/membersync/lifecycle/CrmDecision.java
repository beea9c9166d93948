package com.mallsync.membersync.lifecycle;

import com.mallsync.membersync.mapping.CrmOrder;

/** What one order event comes to at the CRM. */
public sealed interface CrmDecision permits CrmDecision.Upload, CrmDecision.Skip, CrmDecision.Reject {

    /** Send this 2030 order (a sale or a return row); {@code CrmOrderRules} still judges it. */
    record Upload(CrmOrder order) implements CrmDecision {
    }

    /** SKIPPED: by rule nothing is sent for this event; never to the DLT. */
    record Skip(String reason) implements CrmDecision {
    }

    /** REJECTED (and the DLT): it cannot be sent as things are (its sale is not at the CRM, its money is unreadable). */
    record Reject(String reason) implements CrmDecision {
    }
}
