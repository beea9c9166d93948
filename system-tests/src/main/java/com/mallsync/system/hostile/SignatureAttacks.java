package com.mallsync.system.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.mallsync.model.Json;
import com.mallsync.model.Topics;
import com.mallsync.model.mall.HmacSha256Signature;
import com.mallsync.model.mall.SortedMd5Signature;
import com.mallsync.system.check.TopicReader;
import com.mallsync.system.orders.SignedOrders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signature ambiguity and replay attempts (issue 14). Against mall 222 ({@code sorted-md5}): payloads that the
 * first {@code sorted-md5} form signed alike with a genuine push (a key/value boundary moved, an optional amount
 * dropped by folding it into its neighbour, a line price or buyer changed, lines reordered, a string amount made a
 * number), each still carrying the genuine {@code app_sign}. Against mall {@value #HMAC_MALL}
 * ({@code hmac-sha256}): a capture replayed after the window, a capture with a fresh timestamp, a future
 * timestamp. Every one must get the same 401 and publish nothing; a capture replayed inside the window must be a
 * duplicate of the accepted original.
 */
public final class SignatureAttacks {

    public static final long HMAC_MALL = 777;
    public static final String HMAC_SECRET = "demo-hmac-secret-777";
    private static final List<String> OPTIONAL_AMOUNTS = List.of("express_price", "express_original_price",
            "total_goods_original_price", "member_discount_price", "coupon_discount_price", "integral_deduction_price",
            "back_price");

    /** The ingest arguments that configure mall {@value #HMAC_MALL} to sign {@code hmac-sha256}. */
    public static List<String> ingestArgs() {
        return List.of("--ingest.malls." + HMAC_MALL + ".secret=" + HMAC_SECRET,
                "--ingest.malls." + HMAC_MALL + ".scheme=hmac-sha256");
    }

    private record Attack(String what, String orderNo, byte[] body, String[] headers) {
    }

    private final String webhookUrl;
    private final String bootstrapServers;
    private final Clock clock;

    public SignatureAttacks(String webhookUrl, String bootstrapServers, Clock clock) {
        this.webhookUrl = webhookUrl;
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
    }

    /** Sends every attack, then the in-window replay pair; records endings and violations in {@code report}. */
    public void run(SignedOrders orders, int firstIndex, HostileReport report) {
        List<Attack> attacks = new ArrayList<>();
        int index = firstIndex;
        for (String field : OPTIONAL_AMOUNTS) {
            ObjectNode push = orders.unsigned(index++);
            foldIntoNeighbour(push, field).ifPresent(a -> attacks.add(a));
        }
        attacks.add(boundaryMoved(orders.unsigned(index++), "remark"));
        attacks.add(tampered(orders.unsigned(index++), "line price lowered after signing",
                p -> ((ObjectNode) p.get("detail").get(0)).put("total_price", "0.01")));
        attacks.add(tampered(orders.unsigned(index++), "buyer mobile changed after signing",
                p -> ((ObjectNode) p.get("user")).put("mobile", "13900000000")));
        attacks.add(tampered(orders.unsigned(index++), "string amount sent as a number after signing",
                p -> p.put("total_pay_price", new java.math.BigDecimal("3.00"))));
        attacks.add(tampered(orders.unsigned(index++), "optional amount dropped after signing",
                p -> p.remove("coupon_discount_price")));
        attacks.add(reordered(orders.unsigned(index++)));
        long now = clock.instant().getEpochSecond();
        attacks.add(hmac(orders, index++, "capture replayed 6 minutes later", now - 360, now - 360));
        attacks.add(hmac(orders, index++, "capture from 10 minutes ago with a fresh timestamp", now - 600, now));
        attacks.add(hmac(orders, index++, "timestamp 10 minutes in the future", now + 600, now + 600));
        byte[] md5Signed = SignedOrders.sign(hmacMall(orders.unsigned(index)), HMAC_SECRET);
        attacks.add(new Attack("hmac mall pushed with a sorted-md5 app_sign", orders.orderNo(index++), md5Signed,
                new String[0]));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> bodies401 = new HashSet<>();
        Set<String> attacked = new HashSet<>();
        for (Attack attack : attacks) {
            attacked.add(attack.orderNo());
            HttpResponse<String> reply = post(http, attack.body(), attack.headers());
            String ending = reply == null ? "closed" : String.valueOf(reply.statusCode());
            report.record(Category.SIGNATURE_ATTACK, ending);
            if (reply == null || reply.statusCode() != 401) {
                report.violation("signature attack not refused with 401: " + attack.what() + " -> " + ending);
            } else {
                bodies401.add(reply.body());
            }
        }
        if (bodies401.size() > 1) {
            report.violation("the 401 replies differ (they must not tell the attacker why): " + bodies401);
        }

        // a genuine hmac push, then its capture replayed inside the window: a duplicate, one record
        int genuine = index;
        byte[] body = Json.writeString(hmacMall(orders.unsigned(genuine))).getBytes(StandardCharsets.UTF_8);
        String[] headers = {HmacSha256Signature.TIMESTAMP_HEADER, Long.toString(now),
            HmacSha256Signature.SIGNATURE_HEADER, HmacSha256Signature.sign(now, body, HMAC_SECRET)};
        HttpResponse<String> first = post(http, body, headers);
        HttpResponse<String> replay = post(http, body, headers);
        report.record(Category.SIGNATURE_ATTACK, "genuine " + (first == null ? "closed" : first.statusCode()));
        report.record(Category.SIGNATURE_ATTACK, "replay in window " + (replay == null ? "closed"
                : replay.statusCode()));
        if (first == null || first.statusCode() != 200 || replay == null || replay.statusCode() != 200
                || !replay.body().contains("duplicate")) {
            report.violation("genuine hmac push and its in-window replay: " + (first == null ? null : first.body())
                    + " / " + (replay == null ? null : replay.body()));
        }
        Map<String, Long> published = new TreeMap<>();
        new TopicReader(bootstrapServers).readAll(Topics.ORDERS_PAID).forEach(r -> {
            String orderNo = r.key().substring(r.key().indexOf(':') + 1);
            if (attacked.contains(orderNo) || orderNo.equals(orders.orderNo(genuine))) {
                published.merge(r.key(), 1L, Long::sum);
            }
        });
        String genuineKey = Topics.orderKey(HMAC_MALL, orders.orderNo(genuine));
        if (!published.equals(Map.of(genuineKey, 1L))) {
            report.violation("records for attacked orders (only the genuine one, once, may be there): " + published);
        }
        report.note("signature attacks: " + attacks.size() + " attempts, distinct 401 bodies: "
                + bodies401.size() + ", records for them: " + published);
    }

    private Attack hmac(SignedOrders orders, int index, String what, long signedAt, long presentedAt) {
        byte[] body = Json.writeString(hmacMall(orders.unsigned(index))).getBytes(StandardCharsets.UTF_8);
        return new Attack(what, orders.orderNo(index), body, new String[] {
            HmacSha256Signature.TIMESTAMP_HEADER, Long.toString(presentedAt),
            HmacSha256Signature.SIGNATURE_HEADER, HmacSha256Signature.sign(signedAt, body, HMAC_SECRET)});
    }

    private static ObjectNode hmacMall(ObjectNode push) {
        return push.put("mall_id", HMAC_MALL);
    }

    /**
     * The first form's ambiguity: drop {@code field} and append {@code field + value} to the previous signed field
     * in key order; that form's signed string stays the same, so the genuine {@code app_sign} fits it.
     */
    private static java.util.Optional<Attack> foldIntoNeighbour(ObjectNode push, String field) {
        Map<String, String> fields = legacyFields(push);
        List<String> keys = new ArrayList<>(fields.keySet());
        int at = keys.indexOf(field);
        if (at <= 0) {
            return java.util.Optional.empty();
        }
        String genuine = sign(push);
        String previous = keys.get(at - 1);
        ObjectNode forged = push.deepCopy();
        forged.remove(field);
        forged.put(previous, fields.get(previous) + field + fields.get(field));
        forged.put(SortedMd5Signature.FIELD, genuine);
        check(push, forged);
        return java.util.Optional.of(new Attack(field + " dropped, folded into " + previous,
                push.get("order_no").asString(), Json.writeString(forged).getBytes(StandardCharsets.UTF_8),
                new String[0]));
    }

    /** {@code "k":"ab"} → {@code "ka":"b"}: the same glued string in the first form. */
    private static Attack boundaryMoved(ObjectNode push, String field) {
        push.put(field, "ab");
        String genuine = sign(push);
        ObjectNode forged = push.deepCopy();
        forged.remove(field);
        forged.put(field + "a", "b");
        forged.put(SortedMd5Signature.FIELD, genuine);
        check(push, forged);
        return new Attack("\"" + field + "\":\"ab\" sent as \"" + field + "a\":\"b\"", push.get("order_no").asString(),
                Json.writeString(forged).getBytes(StandardCharsets.UTF_8), new String[0]);
    }

    private static Attack tampered(ObjectNode push, String what, java.util.function.Consumer<ObjectNode> change) {
        String genuine = sign(push);
        ObjectNode forged = push.deepCopy();
        change.accept(forged);
        forged.put(SortedMd5Signature.FIELD, genuine);
        return new Attack(what, push.get("order_no").asString(),
                Json.writeString(forged).getBytes(StandardCharsets.UTF_8), new String[0]);
    }

    private static Attack reordered(ObjectNode push) {
        ArrayNode lines = (ArrayNode) push.get("detail");
        ObjectNode second = ((ObjectNode) lines.get(0).deepCopy()).put("goods_id", 99999).put("total_price", "0.00");
        lines.add(second);
        String genuine = sign(push);
        ObjectNode forged = push.deepCopy();
        ArrayNode swapped = forged.putArray("detail");
        swapped.add(lines.get(1).deepCopy());
        swapped.add(lines.get(0).deepCopy());
        forged.put(SortedMd5Signature.FIELD, genuine);
        return new Attack("detail lines reordered after signing", push.get("order_no").asString(),
                Json.writeString(forged).getBytes(StandardCharsets.UTF_8), new String[0]);
    }

    private static String sign(ObjectNode push) {
        ObjectNode copy = push.deepCopy();
        copy.remove(SortedMd5Signature.FIELD);
        return SortedMd5Signature.sign(Json.writeString(copy).getBytes(StandardCharsets.UTF_8),
                SignedOrders.MALL_SECRET);
    }

    /** The attack is only worth sending if the first form really signed both alike. */
    private static void check(ObjectNode genuine, ObjectNode forged) {
        if (!legacyCanonical(genuine).equals(legacyCanonical(forged))) {
            throw new IllegalStateException("not a collision of the first sorted-md5 form");
        }
    }

    /**
     * The first {@code sorted-md5} form (ARCHITECTURE.md "Signature", no longer used by ingest), kept here only to
     * show that these attacks would have passed it: top-level strings and numbers but {@code app_sign}, sorted by
     * key, {@code key + value} glued with no separator.
     */
    static String legacyCanonical(ObjectNode push) {
        StringBuilder out = new StringBuilder();
        legacyFields(push).forEach((k, v) -> out.append(k).append(v));
        return out.toString();
    }

    private static Map<String, String> legacyFields(ObjectNode push) {
        Map<String, String> fields = new TreeMap<>((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        push.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (!e.getKey().equals(SortedMd5Signature.FIELD) && (v.isString() || v.isNumber())) {
                fields.put(e.getKey(), v.isString() ? v.asString() : v.toString());
            }
        });
        return new LinkedHashMap<>(fields);
    }

    private HttpResponse<String> post(HttpClient http, byte[] body, String[] headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
