package com.mallsync.model.mall;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A line's {@code goods_info}: the chosen attributes and the SKU ({@code goods_attr}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallGoodsInfo(
        List<MallAttr> attrList,
        MallGoodsAttr goodsAttr,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallGoodsInfo {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }
}
