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
        write(file, section, START, END);
    }

    /** The same between markers of another name ({@code <!-- NAME:start -->}, {@code <!-- NAME:end -->}). */
    public static void write(Path file, String section, String name) {
        write(file, section, "<!-- " + name + ":start -->", "<!-- " + name + ":end -->");
    }

    private static void write(Path file, String section, String start, String end) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
            Files.writeString(file, replaceSection(existing, section, start, end));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String replaceSection(String existing, String section) {
        return replaceSection(existing, section, START, END);
    }

    static String replaceSection(String existing, String section, String startMarker, String endMarker) {
        String block = startMarker + "\n" + section.strip() + "\n" + endMarker;
        int start = existing.indexOf(startMarker);
        int end = existing.indexOf(endMarker);
        if (start >= 0 && end > start) {
            return existing.substring(0, start) + block + existing.substring(end + endMarker.length());
        }
        return existing.stripTrailing() + "\n\n" + block + "\n";
    }
}
