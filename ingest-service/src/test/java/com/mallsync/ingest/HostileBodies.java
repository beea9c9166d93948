package com.mallsync.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mallsync.testsupport.Seeds;

/**
 * Malformed and hostile pushes, generated from the seed with a fixed random seed (so a failure is reproducible).
 * Every body here must be refused: those that should get past the signature check are signed with the test secret
 * after they were spoiled, so the validation itself is exercised, not only the signature.
 */
final class HostileBodies {

    record Body(String label, byte[] bytes) {
    }

    private static final String SEED = Seeds.mallOrderPush();
    private static final List<String> TOP_AMOUNTS = List.of("total_price", "total_pay_price", "express_original_price",
            "express_price", "total_goods_price", "total_goods_original_price", "member_discount_price",
            "coupon_discount_price", "integral_deduction_price", "back_price");
    private static final List<String> BAD_AMOUNTS = List.of("\"-1.00\"", "-0.01", "\"abc\"", "\"\"", "\"1e5x\"",
            "\"NaN\"", "\"Infinity\"", "\"1.005\"", "1e999999999", "\"1e999999999\"", "true", "{}", "[\"3.00\"]",
            "\"" + "9".repeat(5000) + "\"", "-1e-999", "\"3,00\"", "\" \"", "\"0x10\"");
    private static final List<String> BAD_VALUES = List.of("{}", "[]", "true", "\"abc\"", "-1", "1.5", "\"\"",
            "{\"a\":[1,2,{\"b\":null}]}");

    private HostileBodies() {
    }

    static List<Body> all() {
        Random random = new Random(20250320L);
        List<Body> bodies = new ArrayList<>();
        String signed = Pushes.signedSeedWithOrderNo("FUZZ-0", Pushes.SECRET);

        // truncated JSON, cut anywhere
        for (int i = 0; i < 400; i++) {
            int cut = random.nextInt(signed.length() - 1);
            bodies.add(body("truncated at " + cut, signed.substring(0, cut)));
        }
        // every money field, top level and on the line, with negative, non-numeric and absurd values
        for (String field : TOP_AMOUNTS) {
            for (String bad : BAD_AMOUNTS) {
                if ((field.equals("member_discount_price") || field.equals("back_price"))
                        && (bad.equals("\"-1.00\"") || bad.equals("-0.01"))) {
                    continue; // a mark-up (MALL-FIELDS.md): legitimate, accepted
                }
                bodies.add(signedWith("top " + field + "=" + abbreviate(bad), "\"" + field + "\": ", bad));
            }
        }
        for (String field : List.of("unit_price", "total_original_price")) {
            for (String bad : BAD_AMOUNTS) {
                bodies.add(signedWith("line " + field + "=" + abbreviate(bad), "\"" + field + "\": ", bad));
            }
        }
        // wrong types for the fields that matter
        for (String field : List.of("is_pay", "detail", "num", "pay_time", "user", "parent", "goods_info",
                "attr_list", "id", "user_id", "pay_type", "order_no", "mall_id", "created_at", "goods_attr")) {
            for (String bad : BAD_VALUES) {
                if (isAcceptableValue(field, bad)) {
                    continue;
                }
                bodies.add(signedWith("type " + field + "=" + bad, "\"" + field + "\": ", bad));
            }
        }
        // quantities
        for (String bad : List.of("0", "-1", "1000001", "1.5", "\"one\"", "99999999999999999999", "null")) {
            bodies.add(signedWith("num=" + bad, "\"num\": ", bad));
        }
        // times
        for (String bad : List.of("\"2025-13-45 99:99:99\"", "\"0000-00-00 00:00:00\"", "\"\"", "\"2025/03/20\"",
                "\"2025-03-20T16:58:12Z\"", "1742461092", "null")) {
            bodies.add(signedWith("pay_time=" + bad, "\"pay_time\": ", bad));
        }
        // wrong mall_id: unknown, zero, negative, not a number, huge
        for (String bad : List.of("999", "0", "-222", "\"abc\"", "2.22", "null", "99999999999999999999999",
                "[222]", "{\"id\":222}", "333", "1")) {
            bodies.add(signedWith("mall_id=" + bad, "\"mall_id\": ", bad));
        }
        // order numbers that cannot be keys
        for (String bad : List.of("\"\"", "\"   \"", "\"a b\"", "\"x\\ny\"", "\"" + "9".repeat(65) + "\"",
                "\"" + "x".repeat(100_000) + "\"", "\"\\u0000\"", "null")) {
            bodies.add(signedWith("order_no=" + abbreviate(bad), "\"order_no\": ", bad));
        }
        // an empty or absent order
        bodies.add(signedWith("detail empty", "\"detail\": ", "[]"));
        bodies.add(signedWith("detail of numbers", "\"detail\": ", "[1,2,3]"));
        bodies.add(body("detail missing", Pushes.sign(Pushes.replaceOnce(
                Pushes.withOrderNo(SEED, "FUZZ-1"), "\"detail\": [{", "\"detail_gone\": [{"), Pushes.SECRET)));
        // deep nesting, in a signed field and as the whole body
        for (int depth : List.of(50, 600, 1_000, 5_000, 20_000, 100_000)) {
            bodies.add(signedWith("deep array detail " + depth, "\"detail\": ", "[".repeat(depth) + "]".repeat(depth)));
            bodies.add(signedWith("deep object user " + depth, "\"user\": ",
                    "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + ", \"is_pay\": 2"));
            bodies.add(body("deep body " + depth, "[".repeat(depth) + "]".repeat(depth)));
        }
        // huge strings and bodies
        bodies.add(signedWith("huge mobile and bad price", "\"total_price\": ",
                "\"-3.00\", \"mobile_extra\": \"" + "1".repeat(600_000) + "\""));
        bodies.add(body("2 MiB of spaces", " ".repeat(2 * 1024 * 1024)));
        bodies.add(body("1 MiB + 1 of JSON", "{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}"));
        // within server.tomcat.max-swallow-size (4MB), so the reply is read rather than the connection closed
        bodies.add(body("3.5 MiB of [", "[".repeat(7 * 512 * 1024)));
        // not JSON objects at all
        for (String other : List.of("", " ", "null", "[]", "[{}]", "\"str\"", "42", "true", "{}", "{\"mall_id\":222}",
                "{\"mall_id\":222,\"app_sign\":\"x\"}", "{'mall_id':222}", "mall_id=222&order_no=1", "<xml/>",
                "{\"mall_id\":222,}", "{\"mall_id\":222}{\"mall_id\":222}", "\uFEFF{}", "{\"mall_id\":NaN}")) {
            bodies.add(body("not an order: " + abbreviate(other), other));
        }
        // repeated keys: which total_pay_price was signed?
        bodies.add(body("repeated key", Pushes.replaceOnce(Pushes.signedSeedWithOrderNo("FUZZ-2", Pushes.SECRET),
                "\"total_pay_price\": \"3.00\",", "\"total_pay_price\": \"3.00\", \"total_pay_price\": \"0.01\",")));
        // good orders with bad signatures
        for (int i = 0; i < 60; i++) {
            String push = Pushes.withOrderNo(SEED, "FUZZ-SIG-" + i);
            String sign = i % 3 == 0 ? "" : i % 3 == 1 ? randomHex(random, 32) : randomHex(random, i);
            bodies.add(body("bad signature " + i, Pushes.replaceOnce(push, Pushes.SEED_SIGN,
                    "\"app_sign\": \"" + sign + "\"")));
        }
        bodies.add(body("app_sign as a number", Pushes.replaceOnce(Pushes.withOrderNo(SEED, "FUZZ-3"),
                Pushes.SEED_SIGN, "\"app_sign\": 12345")));
        bodies.add(body("app_sign missing", Pushes.replaceOnce(Pushes.withOrderNo(SEED, "FUZZ-4"),
                Pushes.SEED_SIGN + ",", "")));
        // random bytes, including invalid UTF-8
        for (int i = 0; i < 150; i++) {
            byte[] noise = new byte[random.nextInt(2_000)];
            random.nextBytes(noise);
            if (i % 2 == 0 && noise.length > 0) {
                noise[0] = '{';
            }
            bodies.add(new Body("random bytes " + i, noise));
        }
        // single bytes flipped in a signed order (breaks the JSON or the signature)
        for (int i = 0; i < 100; i++) {
            byte[] bytes = signed.getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(bytes.length);
            byte replacement = (byte) "{}[]\",:0a\\ \u0000".charAt(random.nextInt(12));
            if (bytes[at] == replacement) {
                replacement = '#';
            }
            bytes[at] = replacement;
            if (stillSignedJson(bytes)) {
                // a change inside a nested object the signature does not cover (see README): not hostile here
                continue;
            }
            bodies.add(new Body("byte " + at + " flipped", bytes));
        }
        return bodies;
    }

    private static boolean stillSignedJson(byte[] bytes) {
        try {
            com.mallsync.model.Json.tree(new String(bytes, StandardCharsets.UTF_8));
            String presented = com.mallsync.model.Json.tree(new String(bytes, StandardCharsets.UTF_8))
                    .get("app_sign").asString();
            return com.mallsync.model.mall.SortedMd5Signature.matches(presented,
                    com.mallsync.model.mall.SortedMd5Signature.sign(bytes, Pushes.SECRET));
        } catch (RuntimeException notValid) {
            return false;
        }
    }

    /** Values that are legitimately valid for a field: not hostile, so not in the list. */
    private static boolean isAcceptableValue(String field, String value) {
        return switch (field) {
            // any string or integer is an order number the mall may use
            case "order_no" -> value.equals("\"abc\"") || value.equals("-1");
            // objects whose fields are all unknown are kept as pushed (in the raw payload)
            case "user", "parent", "goods_info", "goods_attr" -> value.startsWith("{");
            // the order's created_at is optional; empty means not given, as a zero date does
            case "created_at" -> value.equals("\"\"");
            case "attr_list" -> value.equals("[]");
            case "id", "user_id", "pay_type" -> value.equals("-1");
            default -> false;
        };
    }

    /** The seed with the first {@code prefix}'s value replaced by {@code value}, then signed with the test secret. */
    private static Body signedWith(String label, String prefix, String value) {
        String push = Pushes.withOrderNo(SEED, "FUZZ-" + Integer.toHexString(label.hashCode()));
        int at = push.indexOf(prefix);
        if (at < 0) {
            throw new IllegalArgumentException("not in the seed: " + prefix);
        }
        int start = at + prefix.length();
        int end = endOfValue(push, start);
        String spoiled = push.substring(0, start) + value + push.substring(end);
        String signedBody;
        try {
            signedBody = Pushes.sign(spoiled, Pushes.SECRET);
        } catch (IllegalArgumentException notJsonAnyMore) {
            signedBody = spoiled;
        }
        return body(label, signedBody);
    }

    /** Where the JSON value starting at {@code start} ends (strings, numbers, literals, objects and arrays). */
    private static int endOfValue(String json, int start) {
        char first = json.charAt(start);
        if (first == '"') {
            int i = start + 1;
            while (json.charAt(i) != '"') {
                i += json.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            boolean inString = false;
            for (int i = start; i < json.length(); i++) {
                char c = json.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("unbalanced at " + start);
        }
        int i = start;
        while (i < json.length() && ",}]\n".indexOf(json.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static Body body(String label, String text) {
        return new Body(label, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 30 ? text : text.substring(0, 30) + "...(" + text.length() + ")";
    }

    private static String randomHex(Random random, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
