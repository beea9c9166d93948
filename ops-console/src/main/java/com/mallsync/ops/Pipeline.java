package com.mallsync.ops;

import com.mallsync.model.Topics;
import com.mallsync.model.event.SyncTarget;

/** One consuming service: its name, target, consumer group and DLT (all contract names). */
public enum Pipeline {
    MEMBER_SYNC("member-sync", SyncTarget.CRM_2030, Topics.MEMBER_SYNC_GROUP, Topics.MEMBER_SYNC_DLT),
    ERP_SYNC("erp-sync", SyncTarget.ERP, Topics.ERP_SYNC_GROUP, Topics.ERP_SYNC_DLT);

    private final String service;
    private final SyncTarget target;
    private final String group;
    private final String dlt;

    Pipeline(String service, SyncTarget target, String group, String dlt) {
        this.service = service;
        this.target = target;
        this.group = group;
        this.dlt = dlt;
    }

    public String service() {
        return service;
    }

    public SyncTarget target() {
        return target;
    }

    public String group() {
        return group;
    }

    public String dlt() {
        return dlt;
    }
}
