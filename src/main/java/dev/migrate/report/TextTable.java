package dev.migrate.report;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The one renderer of plain-text tables (the summaries, verify's and info's tables, the live progress lines):
 * each column as wide as its widest cell, or wider when asked, some aligned to the right. picocli's own TextTable
 * lays out help text in fixed columns and aligns nothing to the right, which numbers need.
 */
public final class TextTable {

    private final int[] widths;
    private final IntPredicate right;

    /** @param right which columns (by index) are aligned to the right: the numbers */
    public TextTable(String[] headers, List<String[]> rows, IntPredicate right) {
        this(widths(headers), rows, right);
    }

    /** @param least the least width of each column: a column stays as wide from one drawing to the next */
    public TextTable(int[] least, List<String[]> rows, IntPredicate right) {
        this.right = right;
        this.widths = least.clone();
        for (int c = 0; c < widths.length; c++) {
            for (String[] r : rows) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
    }

    private static int[] widths(String[] headers) {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
        }
        return widths;
    }

    /** How wide column {@code c} is. */
    public int width(int c) {
        return widths[c];
    }

    public void line(StringBuilder out, String[] cells) {
        out.append(line(cells)).append('\n');
    }

    /** One line of cells, without its line break and without trailing blanks. */
    public String line(String[] cells) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.append("  ");
            }
            String pad = " ".repeat(Math.max(0, widths[c] - cells[c].length()));
            out.append(right.test(c) ? pad + cells[c] : cells[c] + pad);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    public void rule(StringBuilder out) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        out.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
    }
}
