package com.mallsync.model.mall;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One element of the push's {@code detail} array: a goods line. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallOrderLine(
        Long id,
        Long orderId,
        Long goodsId,
        Integer num,
        BigDecimal unitPrice,
        BigDecimal totalOriginalPrice,
        BigDecimal totalPrice,
        BigDecimal memberDiscountPrice,
        MallGoodsInfo goodsInfo,
        Integer isRefund,
        Integer refundStatus,
        BigDecimal backPrice,
        String goodsNo,
        String formData,
        List<MallAttr> attrList,
        String coverPic,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallOrderLine {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }
}
