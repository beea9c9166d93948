package com.mallsync.model.mall;

import java.util.ArrayList;
import java.util.List;

import com.mallsync.model.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The mall puts some arrays inside strings ({@code "[\"balance\"]"}); this reads them. */
final class EmbeddedJson {

    private EmbeddedJson() {
    }

    /** The strings of a JSON array held in a string; empty for null, blank, {@code "null"} or not an array. */
    static List<String> stringList(String embedded) {
        if (embedded == null || embedded.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = Json.mapper().readTree(embedded);
            List<String> values = new ArrayList<>();
            if (node != null && node.isArray()) {
                node.forEach(element -> values.add(element.asString()));
            }
            return List.copyOf(values);
        } catch (JacksonException e) {
            return List.of();
        }
    }
}
