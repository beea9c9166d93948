package com.mallsync.system.check;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mallsync.model.Topics;
import com.mallsync.model.event.OrderEvent;
import com.mallsync.model.event.SyncTarget;
import com.mallsync.stack.lifecycle.OrderStory;

/** Gathers the {@link RunEvidence} of a run from Kafka and the two sandboxes' admin APIs. */
public final class EvidenceCollector {

    private final TopicReader topics;
    private final SandboxAdmin crm;
    private final SandboxAdmin erp;

    public EvidenceCollector(String bootstrapServers, SandboxAdmin crm, SandboxAdmin erp) {
        this.topics = new TopicReader(bootstrapServers);
        this.crm = crm;
        this.erp = erp;
    }

    /**
     * @param stories     per acknowledged order, the pushes of it that were acknowledged
     * @param serviceLogs log file per service name, scanned for {@code fullMobile}
     */
    public RunEvidence collect(long mallId, Map<String, OrderStory> stories, OrderEvent crmTrigger,
                               Map<String, Path> serviceLogs, String fullMobile) {
        Map<String, Long> leaks = new LinkedHashMap<>();
        serviceLogs.forEach((name, file) -> leaks.put(name, LogScan.linesContaining(file, fullMobile)));
        Map<String, Long> dlt = new LinkedHashMap<>();
        dlt.put(Topics.MEMBER_SYNC_DLT, topics.count(Topics.MEMBER_SYNC_DLT));
        dlt.put(Topics.ERP_SYNC_DLT, topics.count(Topics.ERP_SYNC_DLT));
        return new RunEvidence(mallId, stories, crmTrigger, topics.outcomes(Topics.ORDERS_OUTCOMES), dlt,
                new TargetEvidence(SyncTarget.CRM_2030, crm.stats(), crm.storedOrders()),
                new TargetEvidence(SyncTarget.ERP, erp.stats(), erp.storedOrders()), leaks);
    }
}
