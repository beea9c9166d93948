package com.mallsync.model.event;

/**
 * @param buyerRemark  {@code remark}
 * @param buyerWords   {@code words}: the buyer's message
 * @param sellerRemark {@code seller_remark}
 */
public record Remarks(String buyerRemark, String buyerWords, String sellerRemark) {
}
