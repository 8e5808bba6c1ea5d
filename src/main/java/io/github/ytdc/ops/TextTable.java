package io.github.ytdc.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for terminal output. Cells may carry ANSI colour codes: widths are measured without them.
 * Columns listed as right-aligned (numbers) are padded on the left.
 */
final class TextTable {
    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header, int... rightAligned) {
        this.header = List.copyOf(header);
        this.right = new boolean[header.size()];
        for (int c : rightAligned) {
            right[c] = true;
        }
    }

    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The table, each line indented by {@code indent} and ended by a newline; trailing spaces trimmed. */
    String render(String indent) {
        int[] width = new int[header.size()];
        for (List<String> r : allRows()) {
            for (int c = 0; c < r.size(); c++) {
                width[c] = Math.max(width[c], visible(r.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> r : allRows()) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < r.size(); c++) {
                String cell = r.get(c);
                String pad = " ".repeat(width[c] - visible(cell));
                line.append(right[c] ? pad + cell : cell + pad);
                if (c < r.size() - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static int visible(String s) {
        return s.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }
}
