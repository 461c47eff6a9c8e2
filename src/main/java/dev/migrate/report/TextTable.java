package dev.migrate.report;

import java.util.List;
import java.util.function.IntPredicate;

/** The plain-text tables of the summaries: each column as wide as its widest cell, some aligned to the right. */
public final class TextTable {

    private final int[] widths;
    private final IntPredicate right;

    /** @param right which columns (by index) are aligned to the right: the numbers */
    public TextTable(String[] headers, List<String[]> rows, IntPredicate right) {
        this.right = right;
        this.widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] r : rows) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
    }

    public void line(StringBuilder out, String[] cells) {
        int start = out.length();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            out.append(right.test(c) ? pad + cells[c] : cells[c] + pad);
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    public void rule(StringBuilder out) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        out.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
    }
}
