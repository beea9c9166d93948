package com.mallsync.system.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StateTableTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void bothSizesStandSideBySideWithTheIssuesTargets() {
        String table = StateTable.markdown(figures(10_000, 4_000, 90 * MIB, 40), figures(1_000_000, 12_000,
                200 * MIB, 80));

        assertThat(table).startsWith("| measure | 10,000 orders | 1,000,000 orders | target | note |");
        assertThat(table).contains("| member-sync: start → caught up | 4.0 s (2.0 s after healthy) | 12.0 s (10.0 s after healthy) | ≤ 30 s |");
        assertThat(table).contains("| member-sync: heap after full GC | 90 MiB | 200 MiB | ≤ 256 MB |");
        assertThat(table).contains("| console GET /api/summary, median / p95 / max | 40 / 40 / 40 ms | 80 / 80 / 80 ms"
                + " | flat | median 2.0× the baseline's |");
        assertThat(table).doesNotContain("OVER");
    }

    @Test
    void aCatchUpOverThirtySecondsAndAHeapOver256MegabytesAreMarkedOver() {
        String table = StateTable.markdown(figures(10_000, 4_000, 90 * MIB, 40), figures(1_000_000, 30_001,
                257 * MIB, 80));

        assertThat(table).contains("| 4.0 s (2.0 s after healthy) | 30.0 s OVER (28.0 s after healthy) |").contains("| 90 MiB | 257 MiB OVER |");
    }

    @Test
    void aServiceThatDiedShowsWhyAndNoFigures() {
        StateFigures big = new StateFigures(1_000_000, 1, 2, 3, 4, 5, List.of(new ServiceState.Failed("member-sync",
                3_000, 45_000, 300 * MIB, "exited (code 3): java.lang.OutOfMemoryError: Java heap space")), Percentiles.NONE,
                Percentiles.NONE, List.of());

        String table = StateTable.markdown(figures(10_000, 4_000, 90 * MIB, 40), big);

        assertThat(table).contains("| member-sync: start → caught up | 4.0 s (2.0 s after healthy) | FAILED after 45.0 s: exited (code 3):"
                + " java.lang.OutOfMemoryError: Java heap space |");
        assertThat(table).contains("| member-sync: heap after full GC | 90 MiB | n/a (OOM) |");
        assertThat(table).contains("| member-sync: peak RSS (VmHWM) | 150 MiB | 300 MiB |");
        assertThat(table).contains("| 40 / 40 / 40 ms | n/a | flat |  |");
    }

    @Test
    void theSectionGoesBetweenItsOwnMarkersAndLeavesTheBenchmarksSectionAlone() {
        String file = "# Benchmarks\n\n<!-- bench:start -->\nold bench\n<!-- bench:end -->\n";

        String once = BenchmarksFile.replaceSection(file, "state one", "<!-- state:start -->", "<!-- state:end -->");
        String twice = BenchmarksFile.replaceSection(once, "state two", "<!-- state:start -->", "<!-- state:end -->");

        assertThat(twice).contains("old bench").contains("<!-- state:start -->\nstate two\n<!-- state:end -->")
                .doesNotContain("state one");
    }

    private static StateFigures figures(int orders, long caughtUpMs, long heap, long pageMs) {
        return new StateFigures(orders, orders, 2L * orders, orders, 5_000L * orders, 1_000,
                List.of(new ServiceState.Measured("member-sync", 2_000, caughtUpMs, heap, 150 * MIB,
                        "outcome index: " + orders + " orders")),
                Percentiles.of(new long[] {pageMs}), Percentiles.of(new long[] {pageMs}), List.of());
    }
}
