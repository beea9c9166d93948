package com.mallsync.sandbox.crm;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.JsonNode;

/**
 * One order the sandbox accepted.
 *
 * @param shopCode  its ShopCode
 * @param code      its Code
 * @param requestNo the sandbox's number of the request that stored it (2030 replies carry no id, so this is the
 *                  only reference the CRM side has)
 * @param order     the order exactly as received
 * @param storedAt  when it was stored
 * @param originalCode a return's OriginalCode (关联单号(退货单关联)): the Code of the sale it returns; {@code null} for a
 *                     sale
 */
public record StoredOrder(String shopCode, String code, long requestNo, JsonNode order, Instant storedAt,
                          String originalCode) {

    /** Whether it is a return (it names its sale in OriginalCode); not a field of {@code /sandbox/orders}. */
    @JsonIgnore
    public boolean isReturn() {
        return originalCode != null;
    }
}
