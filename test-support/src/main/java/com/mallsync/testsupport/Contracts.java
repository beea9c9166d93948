package com.mallsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The published contracts in the repository's {@code contracts/} folder (AsyncAPI, JSON Schemas draft 2020-12,
 * OpenAPI), and validation of real records and replies against them with networknt's json-schema-validator.
 *
 * <p>A schema is named by its path under {@code contracts/}, optionally with a JSON pointer into the document:
 * {@code schemas/order-paid.v1.schema.json}, {@code asyncapi.yaml#/components/schemas/orderPaidHeaders}. Formats
 * ({@code uuid}, {@code date-time}) are asserted, not only annotated.
 */
public final class Contracts {

    public static final String ORDER_PAID = "schemas/order-paid.v1.schema.json";
    public static final String SYNC_OUTCOME = "schemas/sync-outcome.v1.schema.json";
    public static final String ASYNCAPI = "asyncapi.yaml";
    public static final String OPENAPI = "openapi.yaml";
    public static final String ORDER_PAID_HEADERS = ASYNCAPI + "#/components/schemas/orderPaidHeaders";
    public static final String SYNC_OUTCOME_HEADERS = ASYNCAPI + "#/components/schemas/syncOutcomeHeaders";
    public static final String MEMBER_SYNC_DLT_HEADERS = ASYNCAPI + "#/components/schemas/memberSyncDeadLetterHeaders";
    public static final String ERP_SYNC_DLT_HEADERS = ASYNCAPI + "#/components/schemas/erpSyncDeadLetterHeaders";
    public static final String ORDER_KEY = ASYNCAPI + "#/components/schemas/orderKey";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** The base of the schemas' {@code $id}s: documents are served from {@link #dir()} under it. */
    public static final String BASE = "https://mall-order-sync.example/contracts/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemas(Contracts::read));

    private Contracts() {
    }

    /** The {@code contracts/} folder, found from the working directory (a module's or the repository root). */
    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("contracts");
            if (Files.isRegularFile(candidate.resolve(ASYNCAPI))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no contracts/" + ASYNCAPI + " above " + Path.of("").toAbsolutePath());
    }

    /** A contract document as a tree (JSON or YAML by its extension). */
    public static JsonNode document(String file) {
        Path path = dir().resolve(file);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return file.endsWith(".yaml") || file.endsWith(".yml")
                    ? YAML.readTree(text) : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema at {@code location} (a path under {@code contracts/}, optionally {@code #/json/pointer}). */
    public static Schema schema(String location) {
        return REGISTRY.getSchema(SchemaLocation.of(uri(location)));
    }

    /** What is wrong with {@code json} by the schema at {@code location}; empty when it conforms. */
    public static List<String> violations(String location, String json) {
        return messages(schema(location).validate(json, InputFormat.JSON));
    }

    /** As {@link #violations(String, String)}, for a tree. */
    public static List<String> violations(String location, JsonNode json) {
        return messages(schema(location).validate(json));
    }

    /**
     * As {@link #violations(String, String)}, and also every property the schema does not describe: the published
     * schemas accept unknown properties (consumers ignore them), but what our own code writes must be documented.
     * Only for a whole schema file (no pointer) whose {@code $ref}s stay inside it.
     */
    public static List<String> strictViolations(String file, String json) {
        JsonNode strict = closed(document(file).deepCopy());
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(uri(file)), strict);
        return messages(schema.validate(json, InputFormat.JSON));
    }

    /** Kafka headers as the JSON object the AsyncAPI header schemas describe: name → UTF-8 value (last one wins). */
    public static ObjectNode headers(Headers headers) {
        ObjectNode node = JSON.createObjectNode();
        for (Header h : headers) {
            node.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return node;
    }

    /** The headers' violations of the header schema at {@code location}. */
    public static List<String> headerViolations(String location, Headers headers) {
        return violations(location, headers(headers));
    }

    /** Fails with every violation listed when {@code json} does not conform (strictly, for a whole file). */
    public static void assertConforms(String location, String json) {
        List<String> problems = location.contains("#") ? violations(location, json) : strictViolations(location, json);
        if (!problems.isEmpty()) {
            throw new AssertionError("does not conform to contracts/" + location + ": " + problems + "\n" + json);
        }
    }

    /** Fails with every violation listed when the headers do not conform. */
    public static void assertHeadersConform(String location, Headers headers) {
        List<String> problems = headerViolations(location, headers);
        if (!problems.isEmpty()) {
            throw new AssertionError("headers do not conform to contracts/" + location + ": " + problems + "\n"
                    + headers(headers));
        }
    }

    private static String uri(String location) {
        int hash = location.indexOf('#');
        String file = hash < 0 ? location : location.substring(0, hash);
        String fragment = hash < 0 ? "" : location.substring(hash);
        return BASE + file + fragment;
    }

    /** A document's text by its IRI under {@link #BASE}; {@code null} for any other IRI (the validator's own). */
    private static String read(String iri) {
        if (!iri.startsWith(BASE)) {
            return null;
        }
        try {
            return Files.readString(dir().resolve(iri.substring(BASE.length())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code unevaluatedProperties: false} to every object schema that lists its properties. */
    private static JsonNode closed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.get("properties").isObject()) {
                object.put("unevaluatedProperties", false);
            }
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                closed(e.getValue());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Contracts::closed);
        }
        return node;
    }

    private static List<String> messages(List<Error> errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.toString()));
        return out;
    }
}
