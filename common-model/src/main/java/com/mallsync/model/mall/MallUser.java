package com.mallsync.model.mall;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.mallsync.model.Masking;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The buyer's mall account ({@code user}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MallUser(
        String avatar,
        String nickname,
        String unionid,
        String mobile,
        @JsonAnySetter Map<String, JsonNode> other) {

    public MallUser {
        other = other == null ? new LinkedHashMap<>() : other;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> other() {
        return other;
    }

    @Override
    public String toString() {
        return "MallUser[nickname=" + nickname + ", mobile=" + Masking.mobile(mobile) + "]";
    }
}
