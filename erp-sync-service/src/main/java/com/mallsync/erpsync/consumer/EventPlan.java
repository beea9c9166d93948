package com.mallsync.erpsync.consumer;

import java.util.function.Supplier;

import com.mallsync.erpsync.mapping.ErpTrade;

/** What one event of an order means at the ERP (LIFECYCLE.md "ERP"): one call, nothing by rule, or a refusal. */
sealed interface EventPlan {

    /**
     * One TradeTransferToErp call: the sale or a return.
     *
     * @param ledgerKey where the ledger keeps its marks and confirmation: the order key for the sale,
     *                  {@code mallId:OuterID} of the return for a return (the ERP tells orders apart by OuterID)
     * @param outerId   the OuterID the call carries (what to look for in the ERP when in doubt)
     * @param what      "sale" or which return, for logs
     * @param trade     the mapping (run after the ledger lookup, as for a sale); may throw MappingException
     */
    record Call(String ledgerKey, String outerId, String what, Supplier<ErpTrade> trade) implements EventPlan {
    }

    /** Nothing to send by rule: SKIPPED, never to the DLT. */
    record Skip(String reason) implements EventPlan {
    }

    /** Cannot be sent as things stand (its sale is not at the ERP, say): REJECTED + DLT, replayable. */
    record Reject(String reason) implements EventPlan {
    }
}
