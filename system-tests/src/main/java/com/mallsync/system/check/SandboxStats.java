package com.mallsync.system.check;

/**
 * A sandbox's {@code GET /sandbox/stats} (the sandbox contract): what it was asked and what it stored.
 *
 * @param orders          stored entries, sales and returns together
 * @param doubleCreations creations minus distinct entries: something created more than once (must stay 0)
 * @param sales           stored sales ({@code -1}: the sandbox does not count them apart)
 * @param returns         stored returns: ERP TH 1, CRM rows with an OriginalCode ({@code -1}: not counted apart)
 */
public record SandboxStats(long requests, long orders, long creations, long doubleCreations,
                           long duplicateReplies, long rejected, long faultReplies, long sales, long returns) {

    public static final SandboxStats NONE = new SandboxStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Stats of a sandbox that does not count sales and returns apart. */
    public SandboxStats(long requests, long orders, long creations, long doubleCreations, long duplicateReplies,
                        long rejected, long faultReplies) {
        this(requests, orders, creations, doubleCreations, duplicateReplies, rejected, faultReplies, -1, -1);
    }
}
