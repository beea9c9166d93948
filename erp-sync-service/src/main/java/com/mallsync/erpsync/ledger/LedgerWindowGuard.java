package com.mallsync.erpsync.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

import com.mallsync.model.event.OrderLine;
import com.mallsync.model.event.OrderPaid;
import com.mallsync.runtime.Window;

/**
 * Whether the ledger can still tell if the ERP has an order: the rule that keeps an order whose confirmation the
 * ledger may have forgotten from being sent to the ERP blind (a second sale, or a second return).
 *
 * <p>The ledger forgets an entry only when its {@code at} is older than its window, and an entry's {@code at} (a call
 * for the order) is never before the order's payment. So an order paid within the window (at or after its cutoff)
 * would find its entry if there were one: a miss means the ERP never got the call. An order paid before the cutoff
 * may have been confirmed and forgotten: it is {@link Outside}.
 *
 * <p>Which time: the payment ({@code paidAt}, the push's {@code pay_time}, which ingest requires). An event without
 * one is judged by the earliest order time it has (the order's {@code createdAt}, a line's {@code createdAt}): earlier
 * than the payment, so the guard only errs towards refusing. An event with no order time at all is outside: nothing
 * says the ledger can know it. The push's own time ({@code occurredAt}) does not count: a later push of an old order
 * is new by that time while its entry is old.
 *
 * <p>Call it after the ledger lookup missed, never before: the window's clock read after the lookup has a cutoff at
 * least as late as any eviction before it, so "inside" then proves the entry was not evicted.
 */
public final class LedgerWindowGuard {

    /** The reason code, first in the outcome's reason and the dead letter's message. */
    public static final String OUTSIDE_LEDGER_WINDOW = "OUTSIDE_LEDGER_WINDOW";

    /** What the guard says about one event. */
    public sealed interface Verdict {
    }

    /** The ledger would know the order if the ERP had it: go on. */
    public record Inside() implements Verdict {
    }

    /**
     * The ledger may have forgotten the order: never send it.
     *
     * @param basis  which time of the order was judged ({@code paidAt}, {@code createdAt}, or none)
     * @param time   that time, or {@code null} when the event has none
     * @param cutoff the window's oldest time kept, when judged
     * @param window the window, for the reason
     */
    public record Outside(String basis, OffsetDateTime time, Instant cutoff, Window window) implements Verdict {

        /** The outcome's reason: the code, why, and the operator's way out. */
        public String reason() {
            String what = time == null ? "the event carries no pay time and no order time"
                    : "its " + basis + " " + time + " is before the ledger window (" + window + ", from " + cutoff
                    + ")";
            return OUTSIDE_LEDGER_WINDOW + ": " + what + ", so the ledger may have forgotten that the ERP has it; not"
                    + " sent. Check the ERP for it, or widen erp-sync.ledger.window to cover it, restart, and replay"
                    + " this record from the DLT";
        }
    }

    private static final Inside INSIDE = new Inside();

    private LedgerWindowGuard() {
    }

    /** The verdict for {@code order} against {@code window} as its clock tells the time now. */
    public static Verdict check(OrderPaid order, Window window) {
        OptionalLong cutoff = window.cutoff();
        if (cutoff.isEmpty()) {
            return INSIDE;
        }
        String basis = order.paidAt() != null ? "paidAt" : "createdAt";
        OffsetDateTime time = order.paidAt() != null ? order.paidAt() : earliestOrderTime(order);
        if (time != null && time.toInstant().toEpochMilli() >= cutoff.getAsLong()) {
            return INSIDE;
        }
        return new Outside(time == null ? "none" : basis, time, Instant.ofEpochMilli(cutoff.getAsLong()), window);
    }

    private static OffsetDateTime earliestOrderTime(OrderPaid order) {
        return Stream.concat(Stream.of(order.createdAt()), order.lines().stream().map(OrderLine::createdAt))
                .filter(Objects::nonNull).min(Comparator.comparing(OffsetDateTime::toInstant)).orElse(null);
    }
}
