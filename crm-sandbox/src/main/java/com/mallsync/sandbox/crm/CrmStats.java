package com.mallsync.sandbox.crm;

/**
 * Counters of the business endpoint ({@code GET /sandbox/stats}).
 *
 * @param requests         business requests received (any outcome)
 * @param orders           distinct orders stored
 * @param creations        times an order was stored
 * @param doubleCreations  {@code creations - orders}: must stay 0
 * @param duplicateReplies replies refusing a batch because a Code was already stored
 * @param rejected         replies refusing a batch for a rule, a bad signature or a malformed body
 * @param faultReplies     requests answered by a fault (500, timeout, down)
 * @param sales            stored orders without OriginalCode
 * @param returns          stored returns (with OriginalCode); {@code sales + returns = orders}
 */
public record CrmStats(long requests, long orders, long creations, long doubleCreations, long duplicateReplies,
                       long rejected, long faultReplies, long sales, long returns) {
}
