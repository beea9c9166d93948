package com.mallsync.ops.dlt;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.mallsync.model.RecordHeaders;

/**
 * What to replay: {@code all} (explicitly; nothing named is not "everything"), or the named {@code records}
 * ({@code topic/partition/offset} ids or order keys), from {@code topics} (empty: both DLTs).
 *
 * @param inDoubt what erp-sync does with a replayed order that may already be in the ERP (held in doubt, or a
 *                replay call that gets no answer): {@code HOLD} (default) holds it again, {@code RESEND} calls again
 *                (a person checked the ERP and found no such order)
 */
public record ReplayRequest(boolean all, List<String> topics, Set<String> records, String inDoubt) {

    public ReplayRequest {
        topics = topics == null ? List.of() : List.copyOf(topics);
        records = records == null ? Set.of() : Set.copyOf(records);
        inDoubt = inDoubt == null || inDoubt.isBlank() ? RecordHeaders.IN_DOUBT_HOLD
                : inDoubt.trim().toUpperCase(Locale.ROOT);
        if (all == !records.isEmpty()) {
            throw new IllegalArgumentException(all ? "say either all or which records, not both"
                    : "name the records to replay (ids topic/partition/offset or order keys), or say all");
        }
        if (!inDoubt.equals(RecordHeaders.IN_DOUBT_HOLD) && !inDoubt.equals(RecordHeaders.IN_DOUBT_RESEND)) {
            throw new IllegalArgumentException("inDoubt must be HOLD or RESEND, not " + inDoubt);
        }
    }

    public static ReplayRequest all(Collection<String> topics) {
        return new ReplayRequest(true, List.copyOf(topics), Set.of(), null);
    }

    public static ReplayRequest of(Collection<String> topics, Collection<String> records) {
        return new ReplayRequest(false, List.copyOf(topics), Set.copyOf(records), null);
    }

    public ReplayRequest inDoubt(String policy) {
        return new ReplayRequest(all, topics, records, policy);
    }

    boolean selects(String id, String key) {
        return all || records.contains(id) || (key != null && records.contains(key));
    }
}
