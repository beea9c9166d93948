package com.mallsync.sandbox.erp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One order the sandbox created, as it understood it.
 *
 * @param outerTradeId        the ERP order number it assigned ({@code Message.OuterTradeID})
 * @param uid                 the ERP user the order belongs to
 * @param outerId             the master's {@code OuterID} (the mall's order number)
 * @param storedProcedureName where it was "transferred" to
 * @param th                  return flag
 * @param audit               auto-audit flag
 * @param master              the master's attributes as sent
 * @param details             each detail's attributes as sent
 * @param pays                each pay's attributes as sent
 * @param createdAt           when it was stored
 */
public record StoredOrder(String outerTradeId, String uid, String outerId, String storedProcedureName, int th,
                          int audit, Map<String, String> master, List<Map<String, String>> details,
                          List<Map<String, String>> pays, Instant createdAt) {
}
