package com.mallsync.model.mall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.mallsync.model.Json;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@code app_sign} scheme, {@code sorted-md5} (ARCHITECTURE.md, "Signature"): every top-level field
 * whose value is a JSON string or number, except {@code app_sign}, sorted by key in byte order, concatenated as
 * {@code key + value} (strings without quotes, numbers exactly as written), then
 * {@code lowercase hex MD5(secret + that + secret)}.
 *
 * <p>Pure and shared: ingest verifies with it, the load tool and the tests sign with it.
 */
public final class SortedMd5Signature {

    public static final String FIELD = "app_sign";

    /** Built once: rebuilding a mapper on every call cost about a third of each verification. */
    private static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SortedMd5Signature() {
    }

    /**
     * The signature of a JSON object body.
     *
     * @throws IllegalArgumentException when the body is not one JSON object or repeats a top-level key
     */
    public static String sign(byte[] jsonObject, String secret) {
        String canonical = canonical(jsonObject);
        return md5Hex(secret + canonical + secret);
    }

    /** Compares a presented signature with the expected one in constant time, ignoring case. */
    public static boolean matches(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        byte[] a = presented.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] b = expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    /** The string that is hashed between the two secrets. */
    static String canonical(byte[] jsonObject) {
        Map<byte[], String> fields = new TreeMap<>(Arrays::compareUnsigned);
        try (JsonParser parser = STRICT.createParser(jsonObject)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (!FIELD.equals(key)) {
                            fields.put(key.getBytes(StandardCharsets.UTF_8), parser.getString());
                        }
                    }
                    case START_OBJECT, START_ARRAY -> parser.skipChildren();
                    default -> {
                        // true, false, null: not signed
                    }
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("body is not one JSON object");
            }
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage(), e);
        }
        StringBuilder out = new StringBuilder();
        fields.forEach((key, value) -> out.append(new String(key, StandardCharsets.UTF_8)).append(value));
        return out.toString();
    }

    private static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
