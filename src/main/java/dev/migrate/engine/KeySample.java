package dev.migrate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.migrate.dialect.Dialect;

/**
 * Where a table without an integer key is cut: quantiles of a sample of its column's values, as the source database
 * orders them, or (split by pages) page numbers. A cut only decides how many rows a piece gets: the ranges between
 * the cuts cover every row whatever the sample held.
 */
final class KeySample {

    /** Values sampled a piece, so that the pieces come out about even. */
    private static final int PER_PIECE = 20;
    private static final int LEAST = 1_000;
    private static final int MOST = 200_000;

    private final Dialect dialect;
    private final TableJob job;
    private final Partitioner.Splitting how;

    KeySample(Dialect dialect, TableJob job, Partitioner.Splitting how) {
        this.dialect = dialect;
        this.job = job;
        this.how = how;
    }

    /** At most {@code pieces - 1} cuts, ascending and distinct, from a sample of the column's values among {@code rows} rows. */
    List<String> cuts(Statement s, long rows, int pieces) throws SQLException {
        int wanted = (int) Math.min(MOST, Math.max(LEAST, (long) PER_PIECE * pieces));
        String table = dialect.qualify(job.source());
        String key = dialect.quote(how.column());
        String filter = job.mapping().where();
        List<String> sample = List.of();
        Optional<String> quick = dialect.quickKeySample(table, key, filter, rows, wanted);
        if (quick.isPresent()) {
            sample = read(s, quick.get());
        }
        if (sample.size() < pieces) {
            // too few pages came up (a filter, or statistics out of date): every k-th value, read through the index
            sample = read(s, dialect.keySample(table, key, filter, rows, wanted));
        }
        return quantiles(sample, pieces);
    }

    /** Cuts at page numbers, {@code pieces} runs of about as many pages; none when the table takes no page. */
    List<String> pageCuts(Connection c, int pieces) throws SQLException {
        OptionalLong pages = dialect.pages(c, job.source());
        if (pages.isEmpty() || pages.getAsLong() < 2) {
            return List.of();
        }
        long per = Math.max(1, (pages.getAsLong() + pieces - 1) / pieces);
        List<String> cuts = new ArrayList<>();
        for (long page = per; page < pages.getAsLong(); page += per) {
            cuts.add(Long.toString(page));
        }
        return cuts;
    }

    /** The values at every {@code 1/pieces} of the sorted sample, each once. */
    static List<String> quantiles(List<String> sorted, int pieces) {
        List<String> cuts = new ArrayList<>();
        for (int j = 1; j < pieces && !sorted.isEmpty(); j++) {
            String cut = sorted.get((int) ((long) j * sorted.size() / pieces));
            if (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(cut)) {
                cuts.add(cut);
            }
        }
        // the least value cuts off nothing below it
        if (!cuts.isEmpty() && cuts.get(0).equals(sorted.get(0))) {
            cuts.remove(0);
        }
        return cuts;
    }

    /** The values {@code sql} returns, through the partitioner's statement (a cancelled run cancels it). */
    private static List<String> read(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
