package com.mallsync.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's section of {@code BENCHMARKS.md}: the text between {@code <!-- bench:start -->} and
 * {@code <!-- bench:end -->} is replaced, the rest of the file (hand-written findings, the fault run's figures) is
 * kept; a file without the markers gets the section appended.
 */
public final class BenchmarksFile {

    static final String START = "<!-- bench:start -->";
    static final String END = "<!-- bench:end -->";

    private BenchmarksFile() {
    }

    public static void write(Path file, String section) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
            Files.writeString(file, replaceSection(existing, section));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String replaceSection(String existing, String section) {
        String block = START + "\n" + section.strip() + "\n" + END;
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        if (start >= 0 && end > start) {
            return existing.substring(0, start) + block + existing.substring(end + END.length());
        }
        return existing.stripTrailing() + "\n\n" + block + "\n";
    }
}
