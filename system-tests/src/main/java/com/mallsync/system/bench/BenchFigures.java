package com.mallsync.system.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures of one benchmark run, as rows of a Markdown table, in the order they were measured. */
public final class BenchFigures {

    /** One figure: what was measured, the value, the target it is held against (if any), and how. */
    public record Row(String part, String measure, String value, String target, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public synchronized void add(String part, String measure, String value, String target, String note) {
        rows.add(new Row(part, measure, value, target, note));
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| part | measure | figure | target | how |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(cell(r.part())).append(" | ").append(cell(r.measure())).append(" | ")
                    .append(cell(r.value())).append(" | ").append(cell(r.target())).append(" | ")
                    .append(cell(r.note())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
