package com.mallsync.system.check;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mallsync.model.event.SyncOutcome;

/**
 * Everything gathered at the end of a run, before judging it.
 *
 * @param sentOrderNos the order numbers the mall pushed and ingest finally acknowledged (200)
 * @param outcomes     every record of {@code orders.outcomes.v1}, in topic order
 * @param dltRecords   records found on each dead-letter topic
 * @param crm          the CRM sandbox's evidence
 * @param erp          the ERP sandbox's evidence
 * @param logLinesWithFullMobile per service log, the lines holding the orders' planted full mobile (must be 0)
 */
public record RunEvidence(long mallId, Set<String> sentOrderNos, List<SyncOutcome> outcomes,
                          Map<String, Long> dltRecords, TargetEvidence crm, TargetEvidence erp,
                          Map<String, Long> logLinesWithFullMobile) {

    public RunEvidence {
        sentOrderNos = Set.copyOf(sentOrderNos);
        outcomes = List.copyOf(outcomes);
        dltRecords = Map.copyOf(dltRecords);
        logLinesWithFullMobile = Map.copyOf(logLinesWithFullMobile);
    }
}
