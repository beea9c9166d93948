package com.mallsync.model.mall;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The SKU of a line ({@code goods_info.goods_attr}): its id, item number {@code no}, {@code bar_code} and name.
 * {@code pic_list} is JSON inside a string and is kept as that string.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallGoodsAttr(
        Long id,
        Long goodsId,
        String signId,
        Long stock,
        BigDecimal price,
        BigDecimal originalPrice,
        String no,
        String name,
        String coverPic,
        String picList,
        String barCode,
        Long goodsWarehouseId,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallGoodsAttr {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }
}
