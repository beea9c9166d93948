package com.mallsync.system.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The "State at 1,000,000 orders" section of BENCHMARKS.md: how it was run, the table, the notes. Pure. */
public final class StateSection {

    private StateSection() {
    }

    /**
     * @param loads {@code uptime} before the baseline, between the two sizes, after the big one
     */
    public static String markdown(String started, String arguments, String machine, List<String> loads, String jvm,
                                  StateBenchmark.Settings settings, StateFigures base, StateFigures big) {
        StringBuilder md = new StringBuilder();
        md.append("## State at 1,000,000 orders\n\n");
        md.append("Run `./bench-state").append(arguments.isBlank() ? "" : " " + arguments).append("` (started ")
                .append(started).append(String.format(Locale.ROOT, "): %,d orders against %,d.", big.orders(),
                        base.orders()));
        if (big.orders() < 1_000_000) {
            md.append(" **Not the issue's 1,000,000**: the largest size run here.");
        }
        md.append("\n\n");
        md.append("- Machine: ").append(machine).append("\n");
        md.append("- `uptime` before: ").append(loads.get(0)).append("; between the sizes: ").append(loads.get(1))
                .append("; after: ").append(loads.get(2))
                .append(" (other work on the machine shares the two cores)\n");
        md.append("- Each size on a fresh stack (one broker, its own data folder); consumers and console stopped while")
                .append(" the records were written straight to the topics, spread over the last ")
                .append(settings.days().toDays()).append(" days (inside the 60-day windows, so the bounded indexes")
                .append(" keep every record: the worst case); retention.ms -1 on the three topics; both groups at")
                .append(" the end of orders.paid.v1; then member-sync, erp-sync and the console started one after")
                .append(" the other, each alone, JVM `").append(jvm).append("`. Console pages: ")
                .append(settings.pageSamples()).append(" requests each after one warm-up, logged in as the viewer.\n\n");
        md.append(StateTable.markdown(base, big));
        List<String> notes = new ArrayList<>();
        base.notes().forEach(n -> notes.add(String.format(Locale.ROOT, "%,d orders: %s", base.orders(), n)));
        big.notes().forEach(n -> notes.add(String.format(Locale.ROOT, "%,d orders: %s", big.orders(), n)));
        if (!notes.isEmpty()) {
            md.append("\n");
            notes.forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }
}
