package com.mallsync.system.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitReasonTest {

    private static final String START = "==== 2026-12-02T14:15:23Z starting: java -Xmx256m -XX:+ExitOnOutOfMemoryError "
            + "-jar erp-sync-service.jar\n";

    @Test
    void theJvmsOwnOutOfMemoryLineIsTheReasonAndTheCommandLinesOptionIsNot() {
        assertThat(ExitReason.of(START + "INFO started\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n"))
                .hasValue("java.lang.OutOfMemoryError: Java heap space");
        assertThat(ExitReason.of(START + "INFO started\n")).isEmpty();
    }

    @Test
    void aFailedStartIsToldByItsLastCause() {
        String log = START + "ERROR Application run failed\njava.lang.IllegalStateException: start\n"
                + "Caused by: java.lang.RuntimeException: wrapper\n\tat x.y\n"
                + "Caused by: java.lang.IllegalStateException: erp-sync-ledger-tail did not catch up in PT1M (at {})\n";

        assertThat(ExitReason.of(log)).hasValue(
                "java.lang.IllegalStateException: erp-sync-ledger-tail did not catch up in PT1M (at {})");
        assertThat(ExitReason.outOfMemory(ExitReason.of(log).orElseThrow())).isFalse();
    }
}
