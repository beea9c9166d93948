package com.mallsync.model.mall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.mallsync.model.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SortedMd5Signature} as it was before issue 16's cut (a builder and a string per member, a sort per object,
 * a char-by-char quote), kept verbatim as the reference the new one must equal byte for byte.
 */
final class SortedMd5SignatureBefore {

    static final String FIELD = "app_sign";

    /** Built once: rebuilding a mapper on every call cost about a third of each verification. */
    private static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SortedMd5SignatureBefore() {
    }

    /**
     * The signature of a JSON object body.
     *
     * @throws IllegalArgumentException when the body is not one JSON object or repeats a key
     */
    static String sign(byte[] jsonObject, String secret) {
        return signCanonical(canonical(jsonObject), secret);
    }

    /** The signature of an already canonical string: {@code lowercase hex MD5(secret + canonical + secret)}. */
    static String signCanonical(String canonical, String secret) {
        return md5Hex(secret + canonical + secret);
    }

    /** Compares a presented signature with the expected one in constant time, ignoring case. */
    static boolean matches(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        byte[] a = presented.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] b = expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    /**
     * The string that is hashed between the two secrets: the body as canonical JSON, without its top-level
     * {@code app_sign}.
     *
     * @throws IllegalArgumentException when the body is not one JSON object or repeats a key
     */
    static String canonical(byte[] jsonObject) {
        try (JsonParser parser = STRICT.createParser(jsonObject)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
            StringBuilder out = new StringBuilder(jsonObject.length);
            object(parser, out, true);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("body is not one JSON object");
            }
            return out.toString();
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A member of an object: its key's UTF-8 bytes (the sort order) and its canonical {@code "key":value}. */
    private record Member(byte[] key, String text) {
    }

    /** Recursion depth is bounded by Jackson's nesting limit ({@code StreamReadConstraints}), so no overflow. */
    private static void value(JsonParser parser, JsonToken token, StringBuilder out) {
        switch (token) {
            case START_OBJECT -> object(parser, out, false);
            case START_ARRAY -> {
                out.append('[');
                JsonToken next = parser.nextToken();
                boolean first = true;
                while (next != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(parser, next, out);
                    next = parser.nextToken();
                }
                out.append(']');
            }
            case VALUE_STRING -> quote(parser.getString(), out);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getString());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalArgumentException("unexpected " + token);
        }
    }

    private static void object(JsonParser parser, StringBuilder out, boolean topLevel) {
        List<Member> members = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            JsonToken first = parser.nextToken();
            if (topLevel && FIELD.equals(key)) {
                parser.skipChildren();
                continue;
            }
            StringBuilder member = new StringBuilder();
            quote(key, member);
            member.append(':');
            value(parser, first, member);
            members.add(new Member(key.getBytes(StandardCharsets.UTF_8), member.toString()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("body is not one JSON object");
        }
        members.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(members.get(i).text());
        }
        out.append('}');
    }

    /** One-to-one: distinct strings give distinct quoted forms (lone surrogates escaped, not replaced by '?'). */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (c < 0x20 || (Character.isSurrogate(c) && !pairedHigh
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))))) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
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
