package com.mallsync.ops.story;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.mallsync.model.Json;
import com.mallsync.ops.OpsProperties;
import tools.jackson.databind.JsonNode;

/**
 * Asks ingest which pushes of an order it received and what it answered ({@code GET /pushes?order=}, ingest's
 * bounded push journal). Ingest is the only one who saw them: nothing on the topics records a refused push. Never
 * throws: ingest down or too old to have the journal is reported as an error next to the rest of the story.
 */
@Component
class IngestJournal {

    private final HttpClient client;
    private final Duration timeout;
    private final String baseUrl;

    IngestJournal(OpsProperties properties) {
        this.timeout = properties.probeTimeout();
        this.baseUrl = properties.urlOf("ingest");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** key → the pushes ingest remembers for it; {@code error} set when ingest could not be asked. */
    Answer pushes(String query) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return new Answer(Map.of(), "no ingest URL configured");
        }
        String url = baseUrl + "/pushes?order=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Answer(Map.of(), "ingest answered HTTP " + response.statusCode() + " at " + url);
            }
            return new Answer(parse(Json.tree(response.body())), null);
        } catch (IOException | RuntimeException e) {
            return new Answer(Map.of(), "ingest not answering at " + url + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Map.of(), "interrupted");
        }
    }

    /** {@code {"orders":{"222:1":[{"at":...,"status":200,"code":0,"msg":"accepted","eventId":...,"millis":3}]}}}. */
    static Map<String, List<StoryStep.Received>> parse(JsonNode body) {
        Map<String, List<StoryStep.Received>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> order : body.path("orders").properties()) {
            List<StoryStep.Received> pushes = new ArrayList<>();
            for (JsonNode p : order.getValue()) {
                pushes.add(new StoryStep.Received(Instant.parse(p.path("at").asString()), p.path("status").asInt(),
                        p.path("code").asInt(), p.path("msg").asString(null),
                        p.hasNonNull("eventId") ? p.get("eventId").asString() : null, p.path("millis").asLong()));
            }
            out.put(order.getKey(), pushes);
        }
        return out;
    }

    /**
     * @param byKey order key → its pushes, oldest first
     * @param error why ingest could not be asked, or {@code null}
     */
    record Answer(Map<String, List<StoryStep.Received>> byKey, String error) {
    }
}
