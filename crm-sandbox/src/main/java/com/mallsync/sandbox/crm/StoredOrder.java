package com.mallsync.sandbox.crm;

import java.time.Instant;

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
 */
public record StoredOrder(String shopCode, String code, long requestNo, JsonNode order, Instant storedAt) {
}
