package com.mallsync.model.mall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's faster canonical form against the one before it ({@link SortedMd5SignatureBefore}) over generated JSON:
 * the same canonical bytes, the same signature, the same refusals. Number literals Jackson's tree would not keep as
 * written ({@code 1e3}, {@code -0}, {@code -0.0}) are among them, and so are escapes, lone surrogates, unsorted and
 * nested keys, a top-level and a nested {@code app_sign}, and broken bodies.
 */
class SortedMd5CutTest {

    private static final List<String> KEYS = List.of("a", "A", "b", "ab", "ka", "k", "app_sign", "order_no", "中",
            "é", "\\u00e9", "z\\\"q", "\\ud800", "\\udbff", "\\ud83d\\ude00", "\\uffff", "\\ue000", "", " ", "a b",
            "\\n", "detail", "total_pay_price");
    private static final List<String> NUMBERS = List.of("0", "-0", "-0.0", "0.0", "1e3", "1E3", "1e+3", "1.5e-7",
            "1.50", "12345678901234567890123", "-12.30", "99999999999.99", "3", "0.1E+2");
    private static final List<String> STRINGS = List.of("", "x", "q\\\" b\\\\", "\\n\\t\\r\\b\\f", "\\u0001",
            "\\u007f", "/", "\\/", "中文", "\\ud83d\\ude00", "\\ud800x", "x\\udc00", "\\udc00\\ud800", "plain text 123",
            "\\u00e9", "é");
    private static final List<String> SPACE = List.of("", "", "", " ", "\n  ", "\t");

    @Test
    void canonicalFormSignatureAndRefusalsAreTheSameAsBeforeOverGeneratedJson() {
        Random random = new Random(16);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder body = new StringBuilder();
            object(random, body, 0);
            String text = n % 5 == 0 ? broken(random, body.toString()) : body.toString();
            refused += sameAsBefore(text) ? 0 : 1;
        }
        // the broken fifth must be refused by both often, or the refusal side was not exercised
        assertThat(refused).isGreaterThan(1_000);
    }

    @Test
    void theSeedPushIsTheSameAsBefore() {
        assertThat(sameAsBefore(Seeds.mallOrderPush())).isTrue();
    }

    /** @return whether it was accepted (by both) */
    private static boolean sameAsBefore(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String before;
        try {
            before = SortedMd5SignatureBefore.canonical(body);
        } catch (IllegalArgumentException e) {
            before = null;
        }
        String now;
        try {
            now = SortedMd5Signature.canonical(body);
        } catch (IllegalArgumentException e) {
            now = null;
        }
        assertThat(now).as(text).isEqualTo(before);
        if (before == null) {
            return false;
        }
        assertThat(SortedMd5Signature.sign(body, "s\u00e9cret")).as(text)
                .isEqualTo(SortedMd5SignatureBefore.sign(body, "s\u00e9cret"));
        return true;
    }

    private static void object(Random random, StringBuilder out, int depth) {
        out.append('{').append(pick(random, SPACE));
        int members = random.nextInt(depth == 0 ? 8 : 5);
        List<String> keys = new ArrayList<>(KEYS);
        Collections.shuffle(keys, random);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',').append(pick(random, SPACE));
            }
            out.append('"').append(keys.get(i)).append('"').append(pick(random, SPACE)).append(':')
                    .append(pick(random, SPACE));
            value(random, out, depth + 1);
        }
        out.append(pick(random, SPACE)).append('}');
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0 -> out.append(pick(random, NUMBERS));
            case 1 -> out.append('"').append(pick(random, STRINGS)).append('"');
            case 2 -> out.append(random.nextBoolean() ? "true" : "false");
            case 3 -> out.append("null");
            case 4 -> out.append('"').append(pick(random, STRINGS)).append(pick(random, STRINGS)).append('"');
            case 5 -> object(random, out, depth);
            default -> {
                out.append('[');
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    if (i > 0) {
                        out.append(',').append(pick(random, SPACE));
                    }
                    value(random, out, depth + 1);
                }
                out.append(']');
            }
        }
    }

    /** A body made invalid, or not one object, in one of several ways (some of which stay valid: fine). */
    private static String broken(Random random, String body) {
        return switch (random.nextInt(6)) {
            case 0 -> body.substring(0, random.nextInt(body.length()));
            case 1 -> body + " {}";
            case 2 -> "[" + body + "]";
            case 3 -> body.length() > 2 ? "{\"a\":1,\"a\":2," + body.substring(1) : body;
            case 4 -> body.replaceFirst(":", "");
            default -> "{\"x\":" + body + ",\"x\":" + body + "}";
        };
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
