package com.mallsync.system.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import com.mallsync.model.Json;
import com.mallsync.system.orders.SignedOrders;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the hostile requests: each is a valid signed push (so that what is wrong is only what the case
 * breaks) broken in one way the ingest contract refuses ("not JSON, missing or malformed fields, body too large"
 * → 400/413; "bad signature / unknown mall" → 401). Every case carries the planted mobile, so a log line that
 * echoes a body is caught. Deterministic for a given seed; cases that ingest may rightly accept (an amount
 * written as a JSON number, an empty optional amount, full-width digits that Java parses) are left out on
 * purpose: the suite asserts that every case is refused.
 */
public final class HostileCases {

    /** Fields that hold money at the top level of the push. */
    static final List<String> MONEY_FIELDS = List.of("total_price", "total_pay_price", "express_original_price",
            "express_price", "total_goods_price", "total_goods_original_price", "member_discount_price",
            "coupon_discount_price", "integral_deduction_price");
    /** Fields that hold money on each line. */
    static final List<String> LINE_MONEY_FIELDS = List.of("unit_price", "total_original_price", "total_price",
            "member_discount_price");
    static final List<String> TIME_FIELDS = List.of("pay_time", "created_at");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MIB = 1024 * 1024;

    private final SignedOrders orders;
    private final Random random;
    private final List<HostileCase> cases = new ArrayList<>();
    private int nextOrder;

    public HostileCases(SignedOrders orders, long seed) {
        this.orders = orders;
        this.random = new Random(seed);
    }

    /** All the cases, at least 1,000 (slow-loris connections are not among them: see {@link SlowLoris}). */
    public List<HostileCase> all() {
        cases.clear();
        malformedJson();
        wrongTypes();
        missingFields();
        oversize();
        badSignatures();
        unknownMalls();
        badMoney();
        badQuantities();
        badTimes();
        unicode();
        return List.copyOf(cases);
    }

    private void malformedJson() {
        byte[] valid = validBody();
        for (int i = 1; i <= 150; i++) {
            int cut = (int) ((long) valid.length * i / 151);
            add(Category.MALFORMED_JSON, "truncated at byte " + cut, java.util.Arrays.copyOf(valid, cut));
        }
        List<Integer> structural = structuralPositions(valid);
        for (int i = 0; i < 120; i++) {
            byte[] broken = validBody();
            int at = structuralPositions(broken).get(random.nextInt(structural.size()));
            char was = (char) broken[at];
            broken[at] = 'x';
            add(Category.MALFORMED_JSON, "structural '" + was + "' at " + at + " replaced", broken);
        }
        String signed = new String(validBody(), StandardCharsets.UTF_8);
        for (String text : List.of("", " ", "\n", "null", "true", "0", "-1", "\"order\"", "[]", "[{}]", "{",
                "}", "{]", "{\"mall_id\":}", "{\"mall_id\" 222}", "{mall_id:222}", "{'mall_id':222}",
                "{\"mall_id\":222,}", "{\"mall_id\":NaN}", "{\"mall_id\":222 /* c */}", "<xml/>",
                "mall_id=222&order_no=1", "\u0000\u0000\u0000\u0000")) {
            add(Category.MALFORMED_JSON, "not a JSON object: " + text.replace("\u0000", "\\0"), utf8(text));
        }
        add(Category.MALFORMED_JSON, "trailing garbage after the object", utf8(signed + "x"));
        add(Category.MALFORMED_JSON, "two objects", utf8(signed + signed));
        add(Category.MALFORMED_JSON, "array of the object", utf8("[" + signed + "]"));
        add(Category.MALFORMED_JSON, "duplicate key order_no",
                utf8(signed.replaceFirst("\\{", "{\"order_no\":\"1\",")));
        for (int depth : new int[] {1_000, 10_000, 100_000}) {
            add(Category.MALFORMED_JSON, "nested " + depth + " arrays deep",
                    utf8("{\"detail\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
            add(Category.MALFORMED_JSON, "unclosed nesting " + depth + " deep", utf8("[".repeat(depth)));
        }
    }

    private void wrongTypes() {
        // Jackson reads a boolean into a text or integer field (order_no true -> "true"), so those are left out.
        for (String field : List.of("order_no", "mall_id", "is_pay")) {
            for (var value : List.of(NODES.objectNode().put("a", 1), NODES.arrayNode().add(1).add(2))) {
                breakAndSign(Category.WRONG_TYPES, field + " = " + value, p -> p.set(field, value.deepCopy()));
            }
        }
        for (var value : List.of(NODES.objectNode().put("a", 1), NODES.booleanNode(true), NODES.numberNode(1))) {
            breakAndSign(Category.WRONG_TYPES, "detail = " + value, p -> p.set("detail", value.deepCopy()));
        }
        for (var value : List.of(NODES.arrayNode().add(1), NODES.booleanNode(true), NODES.numberNode(1))) {
            breakAndSign(Category.WRONG_TYPES, "user = " + value, p -> p.set("user", value.deepCopy()));
        }
        breakAndSign(Category.WRONG_TYPES, "mall_id = \"abc\"", p -> p.put("mall_id", "abc"));
        breakAndSign(Category.WRONG_TYPES, "is_pay = \"abc\"", p -> p.put("is_pay", "abc"));
        breakAndSign(Category.WRONG_TYPES, "detail = \"[]\"", p -> p.put("detail", "[]"));
        breakAndSign(Category.WRONG_TYPES, "detail = [1]", p -> p.set("detail", NODES.arrayNode().add(1)));
        breakAndSign(Category.WRONG_TYPES, "detail = [\"x\"]", p -> p.set("detail", NODES.arrayNode().add("x")));
        breakAndSign(Category.WRONG_TYPES, "detail = [[]]",
                p -> p.set("detail", NODES.arrayNode().add(NODES.arrayNode())));
        for (String field : MONEY_FIELDS) {
            for (var value : List.of(NODES.objectNode().put("amount", "3.00"), NODES.arrayNode().add("3.00"),
                    NODES.booleanNode(false))) {
                breakAndSign(Category.WRONG_TYPES, field + " = " + value, p -> p.set(field, value.deepCopy()));
            }
        }
        for (String field : LINE_MONEY_FIELDS) {
            for (var value : List.of(NODES.objectNode(), NODES.arrayNode(), NODES.booleanNode(true))) {
                breakAndSign(Category.WRONG_TYPES, "detail[0]." + field + " = " + value,
                        p -> firstLine(p).set(field, value.deepCopy()));
            }
        }
        for (var value : List.of(NODES.objectNode(), NODES.arrayNode(), NODES.booleanNode(true),
                NODES.stringNode("one"))) {
            breakAndSign(Category.WRONG_TYPES, "detail[0].num = " + value, p -> firstLine(p).set("num", value.deepCopy()));
        }
        for (int i = 0; i < 60; i++) {
            String field = MONEY_FIELDS.get(i % MONEY_FIELDS.size());
            breakAndSign(Category.WRONG_TYPES, field + " = nested object #" + i,
                    p -> p.set(field, NODES.objectNode().set("v", NODES.arrayNode().add(random.nextInt()))));
        }
    }

    private void missingFields() {
        for (int round = 0; round < 8; round++) {
            for (String field : List.of("order_no", "mall_id", "detail")) {
                breakAndSign(Category.MISSING_FIELDS, field + " missing", p -> p.remove(field));
                breakAndSign(Category.MISSING_FIELDS, field + " null", p -> p.putNull(field));
            }
            breakAndSign(Category.MISSING_FIELDS, "order_no empty", p -> p.put("order_no", ""));
            breakAndSign(Category.MISSING_FIELDS, "detail empty", p -> p.set("detail", NODES.arrayNode()));
            breakAndSign(Category.MISSING_FIELDS, "detail[0].num missing", p -> firstLine(p).remove("num"));
            breakAndSign(Category.MISSING_FIELDS, "detail[0].num null", p -> firstLine(p).putNull("num"));
            breakAndSign(Category.MISSING_FIELDS, "empty object", p -> p.removeAll());
        }
    }

    private void oversize() {
        for (int size : new int[] {MIB + 1, MIB + 4096, 2 * MIB, 4 * MIB, 8 * MIB}) {
            breakAndSign(Category.OVERSIZE, "remark padding the body past " + size + " bytes",
                    p -> p.put("remark", "备注" + "x".repeat(size)));
            breakAndSign(Category.OVERSIZE, "detail of " + (size / 700) + " lines",
                    p -> {
                        ArrayNode lines = NODES.arrayNode();
                        for (int i = 0; i < size / 700; i++) {
                            lines.add(firstLine(p).deepCopy());
                        }
                        p.set("detail", lines);
                    });
        }
    }

    private void badSignatures() {
        for (int i = 0; i < 25; i++) {
            ObjectNode p = orders.unsigned(nextOrder++);
            add(Category.BAD_SIGNATURE, "app_sign missing", json(p));
            add(Category.BAD_SIGNATURE, "app_sign empty", json(p.deepCopy().put("app_sign", "")));
            add(Category.BAD_SIGNATURE, "app_sign random hex", json(p.deepCopy().put("app_sign", randomHex(16))));
            add(Category.BAD_SIGNATURE, "signed with another secret", SignedOrders.sign(p.deepCopy(), "not-the-secret-" + i));
            add(Category.BAD_SIGNATURE, "signed without any secret", SignedOrders.sign(p.deepCopy(), ""));
            ObjectNode tampered = parse(SignedOrders.sign(p.deepCopy(), SignedOrders.MALL_SECRET));
            tampered.put("total_pay_price", "0.01");
            add(Category.BAD_SIGNATURE, "total_pay_price changed after signing", json(tampered));
            ObjectNode other = parse(orders.body(nextOrder++));
            add(Category.BAD_SIGNATURE, "signature of another order",
                    json(p.deepCopy().put("app_sign", other.get("app_sign").asString())));
            String good = parse(SignedOrders.sign(p.deepCopy(), SignedOrders.MALL_SECRET)).get("app_sign").asString();
            add(Category.BAD_SIGNATURE, "app_sign truncated", json(p.deepCopy().put("app_sign", good.substring(0, 31))));
            add(Category.BAD_SIGNATURE, "app_sign not hex",
                    json(p.deepCopy().put("app_sign", good.substring(0, 30) + "zz")));
            add(Category.BAD_SIGNATURE, "app_sign as an object",
                    json(p.deepCopy().set("app_sign", NODES.objectNode().put("sign", good))));
        }
    }

    private void unknownMalls() {
        long[] malls = {0, 1, 221, 223, 999, 2222, -222, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < 6; i++) {
            for (long mall : malls) {
                ObjectNode p = orders.unsigned(nextOrder++);
                p.put("mall_id", mall);
                add(Category.UNKNOWN_MALL, "mall_id " + mall + " signed with mall 222's secret",
                        SignedOrders.sign(p, SignedOrders.MALL_SECRET));
            }
        }
        for (long mall : malls) {
            ObjectNode p = orders.unsigned(nextOrder++);
            p.put("mall_id", mall);
            add(Category.UNKNOWN_MALL, "mall_id " + mall + " signed with demo-secret-" + mall,
                    SignedOrders.sign(p, "demo-secret-" + mall));
        }
        add(Category.UNKNOWN_MALL, "mall_id beyond a long",
                SignedOrders.sign(orders.unsigned(nextOrder++).put("mall_id",
                        new java.math.BigInteger("92233720368547758070")), SignedOrders.MALL_SECRET));
    }

    private void badMoney() {
        List<String> values = List.of("-0.01", "-3.00", "-1", "-1e2", "abc", "3,00", "3.00元", "¥3.00", "NaN",
                "Infinity", "-Infinity", "0x1F", "3.00.00", "--3", "+-3", "3e", ".", "-", "1/2", "three");
        for (String field : MONEY_FIELDS) {
            for (String value : values) {
                if (isMarkUp(field, value)) {
                    continue;
                }
                breakAndSign(Category.BAD_MONEY, field + " = \"" + value + "\"", p -> p.put(field, value));
            }
        }
        for (String field : LINE_MONEY_FIELDS) {
            for (String value : values) {
                if (isMarkUp(field, value)) {
                    continue;
                }
                breakAndSign(Category.BAD_MONEY, "detail[0]." + field + " = \"" + value + "\"",
                        p -> firstLine(p).put(field, value));
            }
        }
        for (String field : List.of("total_price", "total_pay_price", "express_price")) {
            breakAndSign(Category.BAD_MONEY, field + " = -3.00 as a JSON number",
                    p -> p.put(field, new java.math.BigDecimal("-3.00")));
        }
    }

    /** A negative member discount or back_price is a mark-up (MALL-FIELDS.md), legitimate: not hostile. */
    private static boolean isMarkUp(String field, String value) {
        return (field.equals("member_discount_price") || field.equals("back_price"))
                && value.matches("-\\d{1,12}(\\.\\d{1,2})?");
    }

    private void badQuantities() {
        for (int n : new int[] {0, -1, -100, Integer.MIN_VALUE}) {
            for (int round = 0; round < 8; round++) {
                breakAndSign(Category.BAD_QUANTITY, "detail[0].num = " + n, p -> firstLine(p).put("num", n));
            }
            breakAndSign(Category.BAD_QUANTITY, "second line num = " + n, p -> {
                ObjectNode second = firstLine(p).deepCopy();
                second.put("num", n);
                ((ArrayNode) p.get("detail")).add(second);
            });
        }
        breakAndSign(Category.BAD_QUANTITY, "detail[0].num = \"0\"", p -> firstLine(p).put("num", "0"));
        breakAndSign(Category.BAD_QUANTITY, "detail[0].num = \"-2\"", p -> firstLine(p).put("num", "-2"));
    }

    private void badTimes() {
        for (String field : TIME_FIELDS) {
            for (String value : List.of("yesterday", "2025-13-45 99:99:99", "2025/03/20 16:58:12",
                    "2025-03-20T16:58:12", "16:58:12", "2025-03-20 25:00:00", "20250320165812", "0")) {
                breakAndSign(Category.BAD_TIME, field + " = \"" + value + "\"", p -> p.put(field, value));
            }
            breakAndSign(Category.BAD_TIME, field + " = {}", p -> p.set(field, NODES.objectNode()));
            breakAndSign(Category.BAD_TIME, field + " = []", p -> p.set(field, NODES.arrayNode()));
        }
    }

    private void unicode() {
        String[][] invalidUtf8 = {{"lone continuation", "80"}, {"bad 2-byte", "c328"}, {"overlong slash", "c0af"},
            {"bad 3-byte", "e228a1"}, {"encoded surrogate", "eda080"}, {"bad 4-byte", "f0288cbc"},
            {"5-byte form", "f888808080"}, {"0xFF", "ff"}, {"0xFE", "fe"}, {"truncated 3-byte", "e282"}};
        for (String[] bad : invalidUtf8) {
            byte[] bytes = HexFormat.of().parseHex(bad[1]);
            for (String field : List.of("total_pay_price", "total_price", "order_no")) {
                ObjectNode p = orders.unsigned(nextOrder++);
                String marker = "\u0001MARK\u0001";
                if (field.equals("order_no")) {
                    p.put(field, marker);
                } else {
                    p.put(field, "3.00" + marker);
                }
                byte[] signed = SignedOrders.sign(p, SignedOrders.MALL_SECRET);
                add(Category.UNICODE, "invalid UTF-8 (" + bad[0] + ") in " + field,
                        replace(signed, utf8(escaped(marker)), bytes));
            }
        }
        // "\u0000" alone is left out: Jackson reads a blank-looking string as a null amount, i.e. none.
        List<String> lookalikes = List.of("3.00\u200B", "\u202E3.00", "3\u00A0.00", "3.00\uFEFF",
                "\uD835\uDFD1.\uD835\uDFCE\uD835\uDFCE", "3.00💰", "💰", "3\u00000", "Ⅲ", "三元");
        for (String field : List.of("total_pay_price", "total_price", "express_price")) {
            for (String value : lookalikes) {
                breakAndSign(Category.UNICODE, field + " = \"" + escaped(value) + "\"", p -> p.put(field, value));
            }
        }
        for (String value : List.of("\u0001", "\u001F", "\n", "\t")) {
            ObjectNode p = orders.unsigned(nextOrder++);
            p.put("order_no", "MARK");
            byte[] signed = SignedOrders.sign(p, SignedOrders.MALL_SECRET);
            add(Category.UNICODE, "unescaped control character " + (int) value.charAt(0) + " in order_no",
                    replace(signed, utf8("\"MARK\""), utf8("\"20" + value + "25\"")));
        }
        breakAndSign(Category.UNICODE, "emoji-only detail", p -> p.set("detail", NODES.arrayNode().add("🙂")));
    }

    private byte[] validBody() {
        return orders.body(nextOrder++);
    }

    private void breakAndSign(Category category, String what, Consumer<ObjectNode> breaker) {
        ObjectNode push = orders.unsigned(nextOrder++);
        breaker.accept(push);
        add(category, what, SignedOrders.sign(push, SignedOrders.MALL_SECRET));
    }

    private void add(Category category, String what, byte[] body) {
        cases.add(new HostileCase(category, what, body));
    }

    private static ObjectNode firstLine(ObjectNode push) {
        return (ObjectNode) push.get("detail").get(0);
    }

    private static ObjectNode parse(byte[] body) {
        return (ObjectNode) Json.mapper().readTree(body);
    }

    private static byte[] json(ObjectNode push) {
        return Json.mapper().writeValueAsBytes(push);
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Positions of JSON structure outside strings: replacing one with a letter always breaks the document. */
    static List<Integer> structuralPositions(byte[] json) {
        List<Integer> positions = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '}' || b == '[' || b == ']' || b == ':' || b == ',') {
                positions.add(i);
            }
        }
        return positions;
    }

    static byte[] replace(byte[] body, byte[] what, byte[] with) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(new String(what, StandardCharsets.ISO_8859_1));
        if (at < 0) {
            throw new IllegalStateException("marker not in body");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(with);
        out.write(body, at + what.length, body.length - at - what.length);
        return out.toByteArray();
    }

    /** A string as it appears between the quotes of a JSON document. */
    static String escaped(String text) {
        String quoted = Json.writeString(text);
        return quoted.substring(1, quoted.length() - 1);
    }
}
