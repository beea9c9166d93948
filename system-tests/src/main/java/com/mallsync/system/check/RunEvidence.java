package com.mallsync.system.check;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncOutcome;
import com.mallsync.stack.lifecycle.OrderStory;

/**
 * Everything gathered at the end of a run, before judging it.
 *
 * @param stories      per order number the mall pushed and ingest acknowledged (200), the pushes of it that ingest
 *                     acknowledged (its paid push at least): what the system owes both targets
 * @param crmTrigger   the event the CRM uploads the sale on ({@code member-sync.upload-on}; CONFIRMED by default)
 * @param outcomes     every record of {@code orders.outcomes.v1}, in topic order
 * @param dltRecords   records found on each dead-letter topic
 * @param crm          the CRM sandbox's evidence
 * @param erp          the ERP sandbox's evidence
 * @param logLinesWithFullMobile per service log, the lines holding the orders' planted full mobile (must be 0)
 */
public record RunEvidence(long mallId, Map<String, OrderStory> stories, OrderEvent crmTrigger,
                          List<SyncOutcome> outcomes, Map<String, Long> dltRecords, TargetEvidence crm,
                          TargetEvidence erp, Map<String, Long> logLinesWithFullMobile) {

    public RunEvidence {
        stories = Map.copyOf(stories);
        outcomes = List.copyOf(outcomes);
        dltRecords = Map.copyOf(dltRecords);
        logLinesWithFullMobile = Map.copyOf(logLinesWithFullMobile);
    }

    /** The order numbers the mall pushed and ingest acknowledged. */
    public Set<String> sentOrderNos() {
        return stories.keySet();
    }
}
