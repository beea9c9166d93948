package com.mallsync.model.mall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * The default {@code app_sign} scheme, {@code sorted-md5}:
 * {@code app_sign = lowercase hex MD5(secret + canonical + secret)}, where {@code canonical} is the whole payload
 * without its top-level {@code app_sign}, written as <b>canonical JSON</b>: object keys sorted by their UTF-8 bytes
 * at every level, no whitespace, strings quoted with a fixed escaping, numbers exactly as written, {@code true},
 * {@code false}, {@code null} as themselves.
 *
 * <p>This replaces ARCHITECTURE.md's first form (top-level strings and numbers only, {@code key + value} glued
 * with no separator), which let different payloads sign alike: {@code "k":"ab"} and {@code "ka":"b"} gave the same
 * string, an optional amount could be dropped or moved into its neighbour, and the {@code detail} lines, buyer and
 * distributor were not signed at all. JSON is self-delimiting (quotes around every key and string, {@code :} and
 * {@code ,} between, brackets around every container), the escaping is one-to-one, and a key appears at most once
 * (repeated keys are refused), so two payloads have the same canonical string only if they are the same JSON
 * value: the same keys, the same types, the same strings, the same number literals, the same lines in the same
 * order. Key order and whitespace do not matter.
 *
 * <p>Reproducible outside Java: Python's {@code json.dumps(payload, sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False)} gives the same string for payloads without floating-point JSON numbers (Python rewrites
 * {@code 1.50} as {@code 1.5}; here it stays {@code 1.50}). Escaping: {@code \"}, {@code \\}, {@code \b},
 * {@code \f}, {@code \n}, {@code \r}, {@code \t}; any other character below U+0020 and any lone surrogate as
 * backslash-u and four lowercase hex digits (lowercase hex); everything else as itself in UTF-8.
 *
 * <p>Pure and shared: ingest verifies with it, the load tool, the system tests and the test fixtures sign with it.
 */
public final class SortedMd5Signature {

    public static final String FIELD = "app_sign";

    /** Built once: rebuilding a mapper on every call cost about a third of each verification. */
    private static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SortedMd5Signature() {
    }

    /**
     * The signature of a JSON object body.
     *
     * @throws IllegalArgumentException when the body is not one JSON object or repeats a key
     */
    public static String sign(byte[] jsonObject, String secret) {
        return signCanonical(canonical(jsonObject), secret);
    }

    /** The signature of an already canonical string: {@code lowercase hex MD5(secret + canonical + secret)}. */
    public static String signCanonical(String canonical, String secret) {
        return md5Hex(secret + canonical + secret);
    }

    /** Compares a presented signature with the expected one in constant time, ignoring case. */
    public static boolean matches(String presented, String expected) {
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
    public static String canonical(byte[] jsonObject) {
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

    /**
     * A member of an object as written in place: its key, the key's UTF-8 bytes if it has a surrogate ({@code null}
     * if not), and where its canonical {@code "key":value} lies in the output.
     */
    private record Member(String key, byte[] utf8, int start, int end) {

        static Member of(String key, int start, int end) {
            for (int i = 0; i < key.length(); i++) {
                if (Character.isSurrogate(key.charAt(i))) {
                    return new Member(key, key.getBytes(StandardCharsets.UTF_8), start, end);
                }
            }
            return new Member(key, null, start, end);
        }

        byte[] bytes() {
            return utf8 != null ? utf8 : key.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Keys sort by their UTF-8 bytes. Without surrogates, UTF-16 order is code point order, which is UTF-8 byte
     * order, so {@link String#compareTo} gives the same answer without encoding every key (issue 16); a lone
     * surrogate encodes as {@code ?}, so keys with one compare as bytes, as before.
     */
    private static final Comparator<Member> BY_KEY = (a, b) -> a.utf8() == null && b.utf8() == null
            ? a.key().compareTo(b.key()) : Arrays.compareUnsigned(a.bytes(), b.bytes());

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

    /**
     * Members are written straight into {@code out} in the order they came, and moved only when their keys were not
     * already sorted: a builder and a string per member cost more than the rest of the canonical form (issue 16).
     * The sort is stable and the comparison the same as before, so the bytes are too.
     */
    private static void object(JsonParser parser, StringBuilder out, boolean topLevel) {
        List<Member> members = new ArrayList<>();
        boolean sorted = true;
        int open = out.length();
        out.append('{');
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            JsonToken first = parser.nextToken();
            if (topLevel && FIELD.equals(key)) {
                parser.skipChildren();
                continue;
            }
            if (!members.isEmpty()) {
                out.append(',');
            }
            int start = out.length();
            quote(key, out);
            out.append(':');
            value(parser, first, out);
            Member member = Member.of(key, start, out.length());
            if (sorted && !members.isEmpty() && BY_KEY.compare(members.get(members.size() - 1), member) > 0) {
                sorted = false;
            }
            members.add(member);
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalArgumentException("body is not one JSON object");
        }
        if (!sorted) {
            String written = out.substring(open);
            List<Member> inOrder = new ArrayList<>(members);
            inOrder.sort(BY_KEY);
            out.setLength(open + 1);
            for (int i = 0; i < inOrder.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Member member = inOrder.get(i);
                out.append(written, member.start() - open, member.end() - open);
            }
        }
        out.append('}');
    }

    /** One-to-one: distinct strings give distinct quoted forms (lone surrogates escaped, not replaced by '?'). */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        int plain = plainPrefix(s);
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
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

    /** How many leading chars are written as themselves; appended in one go, which most strings are whole. */
    private static int plainPrefix(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return i;
            }
        }
        return s.length();
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
