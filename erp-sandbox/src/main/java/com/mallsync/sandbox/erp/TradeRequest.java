package com.mallsync.sandbox.erp;

import java.util.List;
import java.util.Map;

/** The nine parameters of one TradeTransferToErp call, with the three XML strings parsed. */
record TradeRequest(String uid, int th, int audit, String storedProcedureName, Map<String, String> master,
                    List<Map<String, String>> details, List<Map<String, String>> pays) {
}
