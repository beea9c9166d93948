package com.mallsync.system.check;

/**
 * A sandbox's {@code GET /sandbox/stats} (the sandbox contract): what it was asked and what it stored.
 *
 * @param doubleCreations creations minus distinct orders: an order created more than once (must stay 0)
 */
public record SandboxStats(long requests, long orders, long creations, long doubleCreations,
                           long duplicateReplies, long rejected, long faultReplies) {

    public static final SandboxStats NONE = new SandboxStats(0, 0, 0, 0, 0, 0, 0);
}
