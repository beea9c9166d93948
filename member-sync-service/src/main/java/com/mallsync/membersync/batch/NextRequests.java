package com.mallsync.membersync.batch;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mallsync.model.event.SyncStatus;

/**
 * What a request's {@link Attempt} comes to, as a pure rule that {@link BatchSender} applies: the outcome of some of its
 * orders ({@code settled}, none or one group), and the rest to send again as new requests, first one first. A
 * refused or given-up request of several orders is halved, so that the order at fault ends up alone (REJECTED or
 * FAILED) and the others go on without it; a duplicate reply settles the Codes it names and sends the rest again.
 */
record NextRequests(List<Settled> settled, List<List<PendingOrder>> again) {

    /** Orders whose outcome is decided; {@code reason} is null for SYNCED. */
    record Settled(List<PendingOrder> orders, SyncStatus status, String reason) {
    }

    static NextRequests after(List<PendingOrder> orders, Attempt attempt) {
        if (attempt instanceof Attempt.Accepted) {
            return settle(orders, SyncStatus.SYNCED, null, List.of());
        }
        if (attempt instanceof Attempt.Duplicate duplicate) {
            Set<String> named = new HashSet<>(duplicate.reply().duplicateCodes());
            List<PendingOrder> dups = orders.stream().filter(o -> named.contains(o.code())).toList();
            if (dups.isEmpty() && orders.size() == 1) {
                dups = orders;
            }
            if (dups.isEmpty()) {
                return new NextRequests(List.of(), halves(orders)); // names nothing we sent: find it by halving
            }
            List<PendingOrder> duplicates = dups;
            List<PendingOrder> rest = orders.stream().filter(o -> !duplicates.contains(o)).toList();
            return settle(dups, SyncStatus.DUPLICATE, "CRM already has Code: " + duplicate.reply().msg(),
                    rest.isEmpty() ? List.of() : List.of(rest));
        }
        if (attempt instanceof Attempt.Refused refused) {
            return orders.size() == 1
                    ? settle(orders, SyncStatus.REJECTED, "CRM refused: " + refused.reply().msg(), List.of())
                    : new NextRequests(List.of(), halves(orders));
        }
        Attempt.GaveUp gaveUp = (Attempt.GaveUp) attempt; // sealed: the only other kind
        return orders.size() == 1
                ? settle(orders, SyncStatus.FAILED, gaveUp.reason(), List.of())
                : new NextRequests(List.of(), halves(orders));
    }

    /** The first half (the smaller one, of an odd count) first. */
    static List<List<PendingOrder>> halves(List<PendingOrder> orders) {
        int half = orders.size() / 2;
        return List.of(List.copyOf(orders.subList(0, half)), List.copyOf(orders.subList(half, orders.size())));
    }

    private static NextRequests settle(List<PendingOrder> orders, SyncStatus status, String reason,
                                       List<List<PendingOrder>> again) {
        return new NextRequests(List.of(new Settled(orders, status, reason)), again);
    }
}
