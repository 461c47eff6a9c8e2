package dev.migrate.engine;

import java.math.BigDecimal;

import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueConverter;
import dev.migrate.transfer.ValueKind;

/**
 * What a dry run checks the target would check: NULL in a NOT NULL column, text longer than its column,
 * a number with more digits or decimals than its DECIMAL holds, bytes longer than their column.
 */
final class RowValidator {

    private final TableJob job;
    private final Lookups lookups;

    RowValidator(TableJob job, Lookups lookups) {
        this.job = job;
        this.lookups = lookups;
    }

    void check(Object[] row) throws RowFailure {
        for (int c = 0; c < row.length; c++) {
            TargetColumn column = job.target().columns().get(c);
            if (row[c] == null && unchecked(job.feeds().get(c))) {
                // a value the target will make, which a dry run cannot know
                continue;
            }
            String problem = problem(row[c], column);
            if (problem != null) {
                String reason = ValueConverter.show(row[c]) + " " + problem + " (" + column.info().describeType() + ")";
                throw new RowFailure("table " + job.targetName() + ", column " + column.name() + ": " + reason, column.name(), reason, null);
            }
        }
    }

    private boolean unchecked(ColumnFeed feed) {
        return feed.transform() != null && feed.transform().rule() != null && feed.transform().rule().lookup() != null
                && lookups.unchecked(feed.transform().rule().lookup());
    }

    private static String problem(Object value, TargetColumn column) {
        ColumnInfo info = column.info();
        if (value == null) {
            return !info.nullable() && !info.autoIncrement() && info.defaultValue() == null ? "in a NOT NULL column" : null;
        }
        boolean bounded = info.size() > 0 && info.size() < Integer.MAX_VALUE;
        if (column.kind() == ValueKind.TEXT && bounded && value instanceof String s) {
            int length = s.codePointCount(0, s.length());
            return length > info.size() ? "is " + length + " characters long, more than " + info.size() : null;
        }
        if (column.kind() == ValueKind.BINARY && bounded && value instanceof byte[] b) {
            return b.length > info.size() ? "is " + b.length + " bytes long, more than " + info.size() : null;
        }
        if (column.kind() == ValueKind.DECIMAL && bounded && info.size() <= 1000 && value instanceof BigDecimal d) {
            int scale = Math.max(info.scale(), 0);
            if (d.stripTrailingZeros().scale() > scale) {
                return "has more than " + scale + " decimals";
            }
            int integerDigits = d.precision() - d.scale();
            return integerDigits > info.size() - scale ? "has more than " + (info.size() - scale) + " digits before the point" : null;
        }
        return null;
    }
}
