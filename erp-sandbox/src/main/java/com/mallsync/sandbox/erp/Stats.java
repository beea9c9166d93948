package com.mallsync.sandbox.erp;

/**
 * Counters of {@code GET /sandbox/stats}.
 *
 * @param requests         business calls received (any outcome)
 * @param orders           distinct orders stored (by UID and OuterID)
 * @param creations        times an order was created; more than {@code orders} means a double creation
 * @param doubleCreations  {@code creations - orders}: must stay 0
 * @param duplicateReplies always 0: the ERP's duplicate handling is undocumented, so the sandbox creates again
 * @param rejected         calls refused by the checks (parameters, token, XML, sums)
 * @param faultReplies     calls answered by an injected fault (5xx, failCode, timeout, down)
 * @param sales            distinct sales stored (TH 0, by UID and OuterID)
 * @param returns          distinct returns stored (TH 1, by UID and OuterID)
 */
public record Stats(long requests, long orders, long creations, long doubleCreations, long duplicateReplies,
                    long rejected, long faultReplies, long sales, long returns) {
}
