package com.mallsync.model.mall;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One chosen attribute of a line, such as 颜色 = 黑色. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallAttr(
        String attrGroupName,
        Long attrGroupId,
        Long attrId,
        String attrName,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallAttr {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }
}
