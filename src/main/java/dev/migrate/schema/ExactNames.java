package dev.migrate.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import schemacrawler.schema.Column;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;

/**
 * Column names as the database spells them. SchemaCrawler trims every name it reads, so a column {@code "note "}
 * would be read as {@code note}: selected under a name it does not have, or as another column of that name. The
 * driver's own list of columns keeps the spaces; only the names that have them are kept here.
 */
final class ExactNames {

    private static final Logger LOG = LoggerFactory.getLogger(ExactNames.class);

    /** (schema, table, column position, trimmed column name) to the column's name. */
    private final Map<List<Object>, String> columns = new HashMap<>();

    static ExactNames read(Connection connection, Set<Schema> schemas) throws SQLException {
        ExactNames names = new ExactNames();
        DatabaseMetaData meta = connection.getMetaData();
        for (Schema schema : schemas) {
            String pattern = schema.getName() == null ? null : schema.getName().replace("_", meta.getSearchStringEscape() + "_");
            Map<List<String>, String> trimmed = new HashMap<>();
            try (ResultSet rs = meta.getColumns(schema.getCatalogName(), pattern, "%", "%")) {
                while (rs.next()) {
                    if (!Objects.equals(rs.getString("TABLE_SCHEM"), schema.getName())) {
                        continue;
                    }
                    String table = rs.getString("TABLE_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    String twin = trimmed.put(List.of(table, column.trim()), column);
                    if (twin != null) {
                        LOG.warn("table {}: columns '{}' and '{}' differ only in spaces at an end, and only one of them is read", table, twin, column);
                    }
                    if (!column.equals(column.trim())) {
                        names.columns.put(List.of(key(schema), table.trim(), rs.getInt("ORDINAL_POSITION"), column.trim()), column);
                    }
                }
            }
        }
        return names;
    }

    String column(Column column) {
        Table table = column.getParent();
        return columns.getOrDefault(List.of(key(table.getSchema()), table.getName(), column.getOrdinalPosition(), column.getName()),
                column.getName());
    }

    private static String key(Schema schema) {
        return schema.getCatalogName() + "." + schema.getName();
    }
}
