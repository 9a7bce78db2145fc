package dev.jmlflow.bench;

import java.util.ArrayList;
import java.util.List;

/** The printed table: one row per figure, with its baseline from the same run and, for a goal, PASS or FAIL. */
final class Results {

    /** @param pass {@code null} for a figure that has no goal of its own */
    record Row(String what, String figure, String baseline, String goal, Boolean pass) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void goal(String what, String figure, String baseline, String goal, boolean pass) {
        rows.add(new Row(what, figure, baseline, goal, pass));
    }

    void info(String what, String figure, String baseline) {
        rows.add(new Row(what, figure, baseline, "", null));
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown(String heading) {
        StringBuilder out = new StringBuilder(heading).append("\n\n");
        out.append("| what | figure | baseline (same run) | goal | result |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.what()).append(" | ").append(row.figure()).append(" | ").append(row.baseline())
                    .append(" | ").append(row.goal()).append(" | ")
                    .append(row.pass() == null ? "" : row.pass() ? "PASS" : "FAIL").append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }
}
