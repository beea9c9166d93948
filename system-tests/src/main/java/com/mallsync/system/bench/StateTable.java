package com.mallsync.system.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The state benchmark's table: each figure at the baseline size and at the big size side by side, with the issue's
 * targets (heap ≤ 256 MB, start-up catch-up ≤ 30 s; page times flat against the baseline). A figure past its target
 * is marked {@code OVER}; a service that did not get there shows why. Pure: figures in, Markdown out.
 */
public final class StateTable {

    /** The heap ceiling per service. */
    public static final long HEAP_TARGET_BYTES = 256L * 1024 * 1024;
    /** The start-up catch-up ceiling. */
    public static final long CATCH_UP_TARGET_MS = 30_000;

    private StateTable() {
    }

    public static String markdown(StateFigures base, StateFigures big) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"orders written", count(base.orders()), count(big.orders()), "", ""});
        rows.add(new String[] {"records: orders.paid.v1 / orders.outcomes.v1 / ledger",
                records(base), records(big), "", "one per event; one per event per target; one per ERP order"});
        rows.add(new String[] {"value bytes written (uncompressed)", mib(base.bytes()), mib(big.bytes()), "", ""});
        rows.add(new String[] {"fill time", seconds(base.fillMs()), seconds(big.fillMs()), "",
                "one producer, lz4, acks=1"});
        for (ServiceState b : base.services()) {
            ServiceState g = big.services().stream().filter(s -> s.service().equals(b.service())).findFirst()
                    .orElse(null);
            rows.add(new String[] {b.service() + ": start → healthy", healthy(b), g == null ? "" : healthy(g), "", ""});
            rows.add(new String[] {b.service() + ": start → caught up", caughtUp(b), g == null ? "" : caughtUp(g),
                    "≤ 30 s", b.service().equals("ops-console") ? "its log line, then /api/summary counts every record written"
                    : "its log line"});
            rows.add(new String[] {b.service() + ": heap after full GC", heap(b), g == null ? "" : heap(g),
                    "≤ 256 MB", "jcmd GC.run, then GC.heap_info"});
            rows.add(new String[] {b.service() + ": peak RSS (VmHWM)", rss(b), g == null ? "" : rss(g), "", ""});
            rows.add(new String[] {b.service() + ": what it holds", detail(b), g == null ? "" : detail(g), "", ""});
        }
        rows.add(new String[] {"console GET /api/summary, median / p95 / max", page(base.summaryMs()),
                page(big.summaryMs()), "flat", flat(base.summaryMs(), big.summaryMs())});
        rows.add(new String[] {"console GET /api/orders?no=…, median / p95 / max", page(base.searchMs()),
                page(big.searchMs()), "flat", flat(base.searchMs(), big.searchMs())});
        StringBuilder md = new StringBuilder();
        md.append("| measure | ").append(count(base.orders())).append(" orders | ").append(count(big.orders()))
                .append(" orders | target | note |\n|---|---|---|---|---|\n");
        for (String[] row : rows) {
            md.append("|");
            for (String cell : row) {
                md.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String healthy(ServiceState s) {
        long ms = s instanceof ServiceState.Measured m ? m.healthyMs() : ((ServiceState.Failed) s).healthyMs();
        return ms < 0 ? "never" : seconds(ms);
    }

    static String caughtUp(ServiceState s) {
        if (s instanceof ServiceState.Measured m) {
            return seconds(m.caughtUpMs()) + (m.caughtUpMs() > CATCH_UP_TARGET_MS ? " OVER" : "")
                    + (m.healthyMs() >= 0 ? " (" + seconds(Math.max(0, m.caughtUpMs() - m.healthyMs()))
                    + " after healthy)" : "");
        }
        ServiceState.Failed f = (ServiceState.Failed) s;
        return "FAILED after " + seconds(f.afterMs()) + ": " + f.why();
    }

    static String heap(ServiceState s) {
        if (s instanceof ServiceState.Measured m) {
            return m.heapBytes() < 0 ? "n/a" : mib(m.heapBytes()) + (m.heapBytes() > HEAP_TARGET_BYTES ? " OVER" : "");
        }
        return "n/a (" + (ExitReason.outOfMemory(((ServiceState.Failed) s).why()) ? "OOM" : "failed") + ")";
    }

    static String rss(ServiceState s) {
        long bytes = s instanceof ServiceState.Measured m ? m.peakRssBytes() : ((ServiceState.Failed) s).peakRssBytes();
        return bytes < 0 ? "n/a" : mib(bytes);
    }

    static String detail(ServiceState s) {
        return s instanceof ServiceState.Measured m ? m.detail() : "";
    }

    static String page(Percentiles p) {
        return p.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", p.p50(), p.p95(), p.max());
    }

    /** The big median as a multiple of the baseline's. */
    static String flat(Percentiles base, Percentiles big) {
        return ratio(base, big).map(r -> String.format(Locale.ROOT, "median %.1f× the baseline's", r)).orElse("");
    }

    static Optional<Double> ratio(Percentiles base, Percentiles big) {
        if (base.count() == 0 || big.count() == 0 || base.p50() <= 0) {
            return Optional.empty();
        }
        return Optional.of(big.p50() / base.p50());
    }

    static String records(StateFigures f) {
        return count(f.paidRecords()) + " / " + count(f.outcomeRecords()) + " / " + count(f.ledgerRecords());
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
