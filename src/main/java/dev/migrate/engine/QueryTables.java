package dev.migrate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.migrate.connect.Database;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.TableMapping;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/** The script's queries as tables of the source: their columns come from the database's description of the query. */
public final class QueryTables {

    private QueryTables() {
    }

    /**
     * The source's tables plus one per query of the script. A query may take the name of a source table that the
     * script does not move (excluded, or not in its list of tables): a query of {@code customers} into
     * {@code customers} of another database. It then stands for that table.
     */
    public static SchemaSnapshot withQueries(MigrationPlan plan, Database source, SchemaSnapshot snapshot) throws SQLException {
        List<TableInfo> tables = new ArrayList<>(snapshot.tables());
        for (TableMapping mapping : plan.mappings()) {
            if (!mapping.isQuery()) {
                continue;
            }
            Optional<TableInfo> same = snapshot.table(mapping.source());
            if (same.isPresent()) {
                String name = same.get().name();
                if (plan.moves(name)) {
                    throw new ScriptError(mapping.location(), "query '" + mapping.source() + "' has the name of a source table that the script moves;"
                            + " give it another, or exclude that table");
                }
                tables.remove(same.get());
            }
            tables.add(describe(mapping, source));
        }
        return new SchemaSnapshot(snapshot.schema(), tables);
    }

    /** The statement that describes {@code query} without reading a row of it. */
    public static String probe(String query) {
        return "SELECT * FROM (" + query + ") q WHERE 1 = 0";
    }

    private static TableInfo describe(TableMapping mapping, Database source) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        String sql = probe(mapping.query());
        try (Connection c = source.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new ColumnInfo(meta.getColumnLabel(i), meta.getColumnType(i), meta.getColumnTypeName(i), meta.getPrecision(i),
                        meta.getScale(i), meta.isNullable(i) != ResultSetMetaData.columnNoNulls, false, false));
            }
        } catch (SQLException e) {
            throw new ScriptError(mapping.location(), "query '" + mapping.source() + "' does not run in the source: "
                    + source.endpoint().scrub(Engine.oneLine(e)), e);
        }
        return new TableInfo(null, mapping.source(), columns, List.of(), List.of());
    }
}
