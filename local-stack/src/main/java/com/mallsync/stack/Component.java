package com.mallsync.stack;

/** The processes of the stack, in start order. */
public enum Component {
    KAFKA("kafka", null, null),
    CRM_SANDBOX("crm-sandbox", "crm-sandbox", "/sandbox/health"),
    ERP_SANDBOX("erp-sandbox", "erp-sandbox", "/sandbox/health"),
    INGEST("ingest", "ingest-service", "/actuator/health"),
    MEMBER_SYNC("member-sync", "member-sync-service", "/actuator/health"),
    ERP_SYNC("erp-sync", "erp-sync-service", "/actuator/health"),
    OPS_CONSOLE("ops-console", "ops-console", "/actuator/health");

    private final String shortName;
    private final String module;
    private final String healthPath;

    Component(String shortName, String module, String healthPath) {
        this.shortName = shortName;
        this.module = module;
        this.healthPath = healthPath;
    }

    /** The name in the table, the log file name. */
    public String shortName() {
        return shortName;
    }

    /** The Maven module whose jar runs it; {@code null} for the broker. */
    public String module() {
        return module;
    }

    public String healthPath() {
        return healthPath;
    }

    /** Sandboxes build a plain library jar and an executable {@code -exec} jar (the brief's contract). */
    public boolean isSandbox() {
        return this == CRM_SANDBOX || this == ERP_SANDBOX;
    }
}
