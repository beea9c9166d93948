package com.mallsync.membersync.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Orders of one ShopCode waiting to be sent together. A second record of an order already in the batch (a
 * redelivery or a repeated event) rides along as a twin: it is not sent again and shares the original's fate.
 */
final class Batch {

    final String shopCode;
    final String id;
    final long openedNanos;
    final List<PendingOrder> orders = new ArrayList<>();
    final Map<String, List<PendingOrder>> twins = new HashMap<>();
    private final Map<String, PendingOrder> byCode = new HashMap<>();

    Batch(String shopCode, long openedNanos) {
        this.shopCode = shopCode;
        this.openedNanos = openedNanos;
        this.id = "2030-" + UUID.randomUUID();
    }

    void add(PendingOrder order) {
        if (byCode.putIfAbsent(order.code(), order) == null) {
            orders.add(order);
        } else {
            twins.computeIfAbsent(order.code(), c -> new ArrayList<>()).add(order);
        }
    }

    int size() {
        return orders.size();
    }

    int records() {
        return orders.size() + twins.values().stream().mapToInt(List::size).sum();
    }

    /** Takes out the orders that match (a revoked partition's): they will be read again by the new owner. */
    void removeIf(Predicate<PendingOrder> drop) {
        orders.removeIf(o -> {
            if (drop.test(o)) {
                byCode.remove(o.code());
                return true;
            }
            return false;
        });
        twins.values().forEach(list -> list.removeIf(drop));
        twins.entrySet().removeIf(e -> e.getValue().isEmpty() || !byCode.containsKey(e.getKey()));
    }
}
