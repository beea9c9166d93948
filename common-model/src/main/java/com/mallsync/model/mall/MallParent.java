package com.mallsync.model.mall;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.mallsync.model.Masking;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The distributor above the buyer ({@code parent}), when the mall has one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallParent(
        String nickname,
        String mobile,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallParent {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }

    @Override
    public String toString() {
        return "MallParent[nickname=" + nickname + ", mobile=" + Masking.mobile(mobile) + "]";
    }
}
