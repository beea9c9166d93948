package com.mallsync.system.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts the lines of a log file that contain a text (read as bytes, so a bad byte never hides a line). */
public final class LogScan {

    private LogScan() {
    }

    public static long linesContaining(Path file, String text) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("no log file " + file + ": nothing to scan is not a pass");
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
