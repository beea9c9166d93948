package com.mallsync.stack.load;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.mall.SortedMd5Signature;
import tools.jackson.databind.node.ObjectNode;

/**
 * One generated mall push, not yet signed.
 *
 * @param mallId   the mall
 * @param orderNo  the mall's order number (unique per generator run)
 * @param lines    how many goods lines
 * @param payload  the push body; {@link #signed(String)} adds {@code app_sign}
 * @param totalPay what the buyer paid
 */
public record DemoOrder(long mallId, String orderNo, int lines, ObjectNode payload, BigDecimal totalPay) {

    /** The record key of this order on every topic. */
    public String key() {
        return Topics.orderKey(mallId, orderNo);
    }

    /** The body as the mall would push it: signed with the mall's secret ({@code sorted-md5}). */
    public String signed(String secret) {
        ObjectNode copy = payload.deepCopy();
        copy.put(SortedMd5Signature.FIELD, "");
        String unsigned = Json.writeString(copy);
        copy.put(SortedMd5Signature.FIELD, SortedMd5Signature.sign(unsigned.getBytes(StandardCharsets.UTF_8), secret));
        return Json.writeString(copy);
    }
}
