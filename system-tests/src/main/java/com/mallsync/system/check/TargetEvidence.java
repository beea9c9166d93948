package com.mallsync.system.check;

import java.util.List;

import com.mallsync.model.event.SyncTarget;

/**
 * What one downstream holds at the end of a run: its own counters and the orders it stored, each as the raw JSON
 * text of one element of {@code GET /sandbox/orders}.
 */
public record TargetEvidence(SyncTarget target, SandboxStats stats, List<String> storedOrders) {

    public TargetEvidence {
        storedOrders = List.copyOf(storedOrders);
    }
}
