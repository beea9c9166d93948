package com.mallsync.system.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mallsync.model.Json;
import com.mallsync.model.event.SyncTarget;
import tools.jackson.databind.JsonNode;

/**
 * Finds which of the sent orders a stored sandbox entry belongs to, and whether it is the order's sale or a return.
 * The sandboxes store what they were given: the ERP an order with {@code th} (1 = a return), its {@code outerId}
 * and the master's {@code TradeID} (the mall's order number, for a sale and its returns alike); the CRM a 2030 row
 * with its {@code code} and, for a return, {@code originalCode} (the sale's Code; also in the row as received,
 * {@code order.OriginalCode}). Where those fields do not name a sent order, the mall's order number is looked for in
 * the entry's text: our generated order numbers are 20 digits with a run prefix, so a match cannot be accidental.
 */
final class StoredOrderRefs {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d+");

    private StoredOrderRefs() {
    }

    /** Whether an entry is a sale or a return. */
    enum Kind { SALE, RETURN }

    /**
     * One stored entry of a sent order.
     *
     * @param id what the sandbox keys it by (ERP: UID + OuterID; CRM: ShopCode + Code): two entries with one id are
     *           the same thing stored twice
     */
    record Stored(String orderNo, Kind kind, String id) {
    }

    /** The entry as a sale or return of a sent order; empty when it names none of them. */
    static Optional<Stored> of(SyncTarget target, String storedEntry, Set<String> sentOrderNos) {
        JsonNode entry = Json.tree(storedEntry);
        if (target == SyncTarget.ERP) {
            boolean isReturn = entry.path("th").asInt(0) == 1;
            String outerId = text(entry.path("outerId"));
            String id = text(entry.path("uid")) + ":" + outerId;
            return first(sentOrderNos, storedEntry, text(entry.path("master").path("TradeID")), outerId)
                    .map(o -> new Stored(o, isReturn ? Kind.RETURN : Kind.SALE, id));
        }
        String original = text(entry.path("originalCode"));
        if (original.isEmpty()) {
            original = text(entry.path("order").path("OriginalCode"));
        }
        boolean isReturn = !original.isEmpty();
        String code = text(entry.path("code"));
        String id = text(entry.path("shopCode")) + ":" + code;
        return first(sentOrderNos, storedEntry, isReturn ? original : code, code)
                .map(o -> new Stored(o, isReturn ? Kind.RETURN : Kind.SALE, id));
    }

    private static Optional<String> first(Set<String> sent, String entry, String... fields) {
        for (String field : fields) {
            List<String> found = sentOrdersIn(field, sent);
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        List<String> found = sentOrdersIn(entry, sent);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : node.asString();
    }

    /** The sent order numbers that occur in the entry, as whole digit runs (each at most once). */
    static List<String> sentOrdersIn(String storedEntry, Set<String> sentOrderNos) {
        List<String> found = new ArrayList<>();
        Matcher digits = DIGIT_RUN.matcher(storedEntry);
        while (digits.find()) {
            String run = digits.group();
            if (sentOrderNos.contains(run) && !found.contains(run)) {
                found.add(run);
            }
        }
        return found;
    }
}
