package com.mallsync.system.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void thePeakResidentSetOfThisJvmIsReadFromProcAndIsAtLeastItsEarlierResidentSet() {
        long pid = ProcessHandle.current().pid();

        // the resident set first: it may grow before the next read, and the peak read after it covers that
        OptionalLong now = ProcessMemory.statusField(pid, "VmRSS");
        OptionalLong peak = ProcessMemory.statusField(pid, "VmHWM");

        assertThat(peak).isPresent();
        assertThat(now).isPresent();
        assertThat(peak.getAsLong()).isGreaterThanOrEqualTo(now.getAsLong()).isGreaterThan(10L * 1024 * 1024);
    }

    @Test
    void kilobyteFieldsAreReadInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 5000 kB\nVmHWM:\t  262144 kB\nVmRSS:\t  131072 kB\n";

        assertThat(ProcessMemory.statusField(status, "VmHWM")).hasValue(268_435_456L);
        assertThat(ProcessMemory.statusField(status, "Threads")).isEmpty();
    }

    @Test
    void theActuatorsHeapValueIsTheValueMeasurement() {
        String metric = "{\"name\":\"jvm.memory.used\",\"baseUnit\":\"bytes\",\"measurements\":"
                + "[{\"statistic\":\"VALUE\",\"value\":1.2345678E8}],\"availableTags\":[]}";

        assertThat(ProcessMemory.actuatorValue(metric)).hasValue(123_456_780L);
    }

    @Test
    void jcmdHeapInfoOfTheSerialCollectorIsTheSumOfItsGenerationsWithoutMetaspace() {
        String serial = """
                 def new generation   total 19648K, used 10434K [0x00000000f0000000, 0x00000000f1550000)
                  eden space 17472K,  59% used [0x00000000f0000000, 0x00000000f0a30000)
                 tenured generation   total 43712K, used 2891K [0x00000000f5550000, 0x00000000f8000000)
                 Metaspace       used 60000K, committed 61000K, reserved 1114112K
                  class space    used 7000K, committed 7500K, reserved 1048576K
                """;

        assertThat(ProcessMemory.jcmdHeapUsed(serial)).hasValue((10434L + 2891L) * 1024);
    }

    @Test
    void jcmdAgainstThisJvmGivesAHeapFigure() {
        assertThat(ProcessMemory.heapFromJcmd(ProcessHandle.current().pid())).isPresent();
    }

    @Test
    void theClassHistogramsBiggestRowsAreReadInKibibytes() {
        String histogram = "12345:\n num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:        120000       11520000  [B (java.base@17.0.15)\n"
                + "   2:         90000        2160000  java.util.UUID (java.base@17.0.15)\n"
                + "   3:            10           1024  java.lang.Object (java.base@17.0.15)\n"
                + "Total        210010       13681024\n";

        assertThat(ProcessMemory.histogramTop(histogram, 2)).containsExactly("11,250 KiB [B (120,000)",
                "2,109 KiB java.util.UUID (90,000)");
    }
}
