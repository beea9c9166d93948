package com.mallsync.membersync.mapping;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of the 2030 {@code Args} array, field for field as the seed's table; {@code null} fields are left out.
 * Money is written as JSON numbers with two decimals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ShopCode", "Code", "OriginalCode", "BuyerCode", "OrderTime", "TotalQty", "TotalMoney", "PayTime",
        "PayAmount", "DataOrigin", "DiscountMoney", "RecvConsignee", "RecvMobile", "RecvTel", "RecvAddress",
        "RecvProvince", "RecvCity", "RecvCounty", "Dtls"})
public record CrmOrder(
        @JsonProperty("ShopCode") String shopCode,
        @JsonProperty("Code") String code,
        @JsonProperty("OriginalCode") String originalCode,
        @JsonProperty("OrderTime") String orderTime,
        @JsonProperty("TotalQty") int totalQty,
        @JsonProperty("TotalMoney") BigDecimal totalMoney,
        @JsonProperty("PayTime") String payTime,
        @JsonProperty("PayAmount") BigDecimal payAmount,
        @JsonProperty("BuyerCode") String buyerCode,
        @JsonProperty("DiscountMoney") BigDecimal discountMoney,
        @JsonProperty("RecvConsignee") String recvConsignee,
        @JsonProperty("RecvMobile") String recvMobile,
        @JsonProperty("RecvTel") String recvTel,
        @JsonProperty("RecvAddress") String recvAddress,
        @JsonProperty("RecvProvince") String recvProvince,
        @JsonProperty("RecvCity") String recvCity,
        @JsonProperty("RecvCounty") String recvCounty,
        @JsonProperty("DataOrigin") int dataOrigin,
        @JsonProperty("Dtls") List<Line> dtls) {

    public CrmOrder {
        dtls = dtls == null ? List.of() : List.copyOf(dtls);
    }

    /** Buyer data masked: safe to log. */
    @Override
    public String toString() {
        return "CrmOrder[ShopCode=" + shopCode + ", Code=" + code + ", TotalQty=" + totalQty + ", TotalMoney="
                + totalMoney + ", Dtls=" + dtls.size() + "]";
    }

    /** One row of {@code Dtls}. */
    @JsonPropertyOrder({"BarCode", "PriceOriginal", "PriceSell", "Quantity", "Amount", "DiscountMoney"})
    public record Line(
            @JsonProperty("BarCode") String barCode,
            @JsonProperty("PriceOriginal") BigDecimal priceOriginal,
            @JsonProperty("PriceSell") BigDecimal priceSell,
            @JsonProperty("Quantity") int quantity,
            @JsonProperty("Amount") BigDecimal amount,
            @JsonProperty("DiscountMoney") BigDecimal discountMoney) {
    }
}
