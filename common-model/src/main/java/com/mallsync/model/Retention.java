package com.mallsync.model;

import java.time.Duration;
import java.util.Map;

/**
 * How long each topic keeps its records, and the one assumption every in-memory window follows from (README
 * "Retention and state"). Defaults only: each service makes them settings.
 *
 * <p>The after-sale window is how long after payment the mall may still push an order (a confirmation, a refund, a
 * cancellation, or the same push again). The seeds give no figure; MALL-FIELDS.md says an order becomes final
 * ({@code is_sale}) some days after receipt, when its after-sale window closes ({@code auto_sales_time}). Shipping
 * (a few days), automatic confirmation of receipt (typically 7 to 15 days after shipping) and an after-sale window
 * of up to 15 days after that, plus a refund that takes some days to finish, come to about 45 days; 60 days leaves
 * a margin.
 */
public final class Retention {

    /** How long after payment the mall may push an order again. */
    public static final Duration AFTER_SALE = Duration.ofDays(60);
    /** {@code orders.paid.v1}: a consumer may be down this long without losing records (Kafka's own default). */
    public static final Duration ORDERS_PAID = Duration.ofDays(7);
    /**
     * {@code orders.outcomes.v1}: the outcome index reads the outcomes of an order's earlier events for as long as
     * the mall may push the order (a return needs the sale's outcome): the after-sale window.
     */
    public static final Duration ORDERS_OUTCOMES = AFTER_SALE;
    /** The DLTs: time for a person to look at a dead letter and replay it. */
    public static final Duration DEAD_LETTERS = Duration.ofDays(30);

    private Retention() {
    }

    /** {@code retention.ms} of each of the system's shared topics, as the topic set-ups create them. */
    public static Map<String, Duration> ofTopics() {
        return Map.of(Topics.ORDERS_PAID, ORDERS_PAID, Topics.ORDERS_OUTCOMES, ORDERS_OUTCOMES,
                Topics.MEMBER_SYNC_DLT, DEAD_LETTERS, Topics.ERP_SYNC_DLT, DEAD_LETTERS);
    }
}
