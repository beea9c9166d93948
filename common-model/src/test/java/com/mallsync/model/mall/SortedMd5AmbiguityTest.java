package com.mallsync.model.mall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.mallsync.testsupport.Seeds;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * No two different payloads sign alike under {@code sorted-md5} (issue 14): the known ambiguities of the first
 * form, then properties over random payloads.
 */
class SortedMd5AmbiguityTest {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SECRET = "s";

    private static String sign(String body) {
        return SortedMd5Signature.sign(body.getBytes(StandardCharsets.UTF_8), SECRET);
    }

    @Test
    void aKeyAndValueBoundaryCannotMove() {
        assertThat(sign("{\"k\":\"ab\"}")).isNotEqualTo(sign("{\"ka\":\"b\"}"));
        assertThat(sign("{\"a\":\"1\",\"b\":\"2\"}")).isNotEqualTo(sign("{\"a\":\"1b2\"}"));
    }

    @Test
    void anOptionalSignedAmountCannotBeDroppedOrMovedIntoItsNeighbour() {
        String with = "{\"back_price\":\"5.00\",\"mall_id\":222,\"total_pay_price\":\"3.00\"}";
        // old form: "back_price5.00mall_id222..." == "back_price5.00mall_id222..." with back_price folded elsewhere
        String dropped = "{\"mall_id\":222,\"total_pay_price\":\"3.00\"}";
        String folded = "{\"back_pric\":\"e5.00\",\"mall_id\":222,\"total_pay_price\":\"3.00\"}";
        String nulled = "{\"back_price\":null,\"mall_id\":222,\"total_pay_price\":\"3.00\"}";

        assertThat(List.of(sign(dropped), sign(folded), sign(nulled))).doesNotContain(sign(with)).doesNotHaveDuplicates();
    }

    @Test
    void theLinesBuyerAndTypesAreSignedToo() {
        String two = "{\"detail\":[{\"goods_id\":1,\"total_price\":\"1.00\"},{\"goods_id\":2,\"total_price\":\"2.00\"}]}";
        String reordered = "{\"detail\":[{\"goods_id\":2,\"total_price\":\"2.00\"},{\"goods_id\":1,\"total_price\":\"1.00\"}]}";
        String cheaper = "{\"detail\":[{\"goods_id\":1,\"total_price\":\"0.01\"},{\"goods_id\":2,\"total_price\":\"2.00\"}]}";
        String oneLine = "{\"detail\":[{\"goods_id\":1,\"total_price\":\"1.00\"}]}";

        assertThat(List.of(sign(two), sign(reordered), sign(cheaper), sign(oneLine))).doesNotHaveDuplicates();
        assertThat(sign("{\"a\":\"1\"}")).isNotEqualTo(sign("{\"a\":1}"));
        assertThat(sign("{\"a\":null}")).isNotEqualTo(sign("{\"a\":\"null\"}"));
        assertThat(sign("{\"a\":[]}")).isNotEqualTo(sign("{\"a\":{}}"));
        assertThat(sign("{\"user\":{\"mobile\":\"1\"}}")).isNotEqualTo(sign("{\"user\":{\"mobile\":\"2\"}}"));
    }

    @Test
    void theSeedWithAnyOneLineFieldChangedSignsDifferently() {
        ObjectNode seed = (ObjectNode) MAPPER.readTree(Seeds.mallOrderPush());
        String base = sign(seed.toString());
        ObjectNode line = (ObjectNode) seed.get("detail").get(0);
        List<String> changed = new ArrayList<>();
        for (String field : new ArrayList<>(line.propertyNames())) {
            ObjectNode copy = seed.deepCopy();
            ObjectNode l = (ObjectNode) copy.get("detail").get(0);
            l.put(field, l.get(field).isString() ? l.get(field).asString() + "x" : "x");
            changed.add(sign(copy.toString()));
            ObjectNode without = seed.deepCopy();
            ((ObjectNode) without.get("detail").get(0)).remove(field);
            changed.add(sign(without.toString()));
        }
        assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
    }

    /** canonical is a faithful JSON encoding: reading it back gives the payload, so equal strings mean equal payloads. */
    @Test
    void propertyTheCanonicalStringReadsBackAsThePayloadAndIgnoresKeyOrder() {
        Random random = new Random(20261201L);
        for (int i = 0; i < 3_000; i++) {
            ObjectNode payload = randomObject(random, 0);
            payload.remove(SortedMd5Signature.FIELD);
            String canonical = SortedMd5Signature.canonical(payload.toString().getBytes(StandardCharsets.UTF_8));

            assertThat(MAPPER.readTree(canonical)).as(payload.toString()).isEqualTo(MAPPER.readTree(payload.toString()));
            assertThat(SortedMd5Signature.canonical(shuffled(payload, random).toString()
                    .getBytes(StandardCharsets.UTF_8))).isEqualTo(canonical);
        }
    }

    @Test
    void propertyDifferentRandomPayloadsNeverSignAlike() {
        Random random = new Random(14L);
        Map<String, JsonNode> seen = new HashMap<>();
        int different = 0;
        for (int i = 0; i < 20_000; i++) {
            // small alphabets and shallow trees, so near-collisions (moved boundaries, dropped fields) are frequent
            ObjectNode payload = randomObject(random, 1);
            payload.remove(SortedMd5Signature.FIELD);
            JsonNode earlier = seen.putIfAbsent(sign(payload.toString()), payload);
            if (earlier != null) {
                assertThat(earlier).as("two payloads signed alike").isEqualTo(payload);
            } else {
                different++;
            }
        }
        assertThat(different).isGreaterThan(1_000);
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode node = NODES.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            node.set(randomText(random, 3), randomValue(random, depth + 1));
        }
        return node;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 6 : 8);
        return switch (kind) {
            case 0, 1 -> NODES.stringNode(randomText(random, 4));
            case 2 -> NODES.numberNode(random.nextInt(21) - 10);
            case 3 -> NODES.numberNode(new java.math.BigDecimal(random.nextInt(300)).movePointLeft(2));
            case 4 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 5 -> NODES.stringNode("");
            case 6 -> randomObject(random, depth);
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static final String ALPHABET = "ab\"\\:,{}[]=&\n\u0001中😀";

    private static String randomText(Random random, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            int at = random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()));
            s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, at)));
        }
        return s.toString();
    }

    private static JsonNode shuffled(JsonNode node, Random random) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.propertyNames());
            Collections.shuffle(keys, random);
            ObjectNode copy = NODES.objectNode();
            keys.forEach(k -> copy.set(k, shuffled(node.get(k), random)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(e -> copy.add(shuffled(e, random)));
            return copy;
        }
        return node;
    }
}
