package dev.migrate.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects of a schema that a migration does not move — views, routines, triggers, and sequences not
 * tied to a column — so that {@code plan} can name them.
 */
public final class OtherObjects {

    private OtherObjects() {
    }

    /** Each as {@code view orders_v}, {@code routine total_of}, {@code trigger audit on orders}, {@code sequence invoice_no}. */
    public static List<String> list(Connection connection, SchemaSnapshot snapshot, boolean schemaIsCatalog) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = schemaIsCatalog ? snapshot.schema() : null;
        String schema = schemaIsCatalog ? null : snapshot.schema();
        Set<String> found = new TreeSet<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"VIEW", "MATERIALIZED VIEW"})) {
            while (rs.next()) {
                found.add("view " + rs.getString("TABLE_NAME"));
            }
        }
        try (ResultSet rs = meta.getProcedures(catalog, schema, "%")) {
            while (rs.next()) {
                found.add("routine " + rs.getString("PROCEDURE_NAME").replaceAll(";\\d+$", ""));
            }
        } catch (SQLException | UnsupportedOperationException ignored) {
            // a driver without routines has none to list
        }
        try (ResultSet rs = meta.getFunctions(catalog, schema, "%")) {
            while (rs.next()) {
                found.add("routine " + rs.getString("FUNCTION_NAME").replaceAll(";\\d+$", ""));
            }
        } catch (SQLException | UnsupportedOperationException ignored) {
            // likewise for functions
        }
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"SEQUENCE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!tiedToColumn(name, snapshot)) {
                    found.add("sequence " + name);
                }
            }
        }
        found.addAll(triggers(connection, snapshot.schema()));
        return new ArrayList<>(found);
    }

    private static boolean tiedToColumn(String sequence, SchemaSnapshot snapshot) {
        String lower = sequence.toLowerCase(Locale.ROOT);
        for (TableInfo table : snapshot.tables()) {
            for (ColumnInfo column : table.columns()) {
                String owned = (table.name() + "_" + column.name() + "_seq").toLowerCase(Locale.ROOT);
                boolean inDefault = column.defaultValue() != null && column.defaultValue().toLowerCase(Locale.ROOT).contains(lower);
                if (inDefault || column.autoIncrement() && owned.equals(lower)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Triggers, where the database has information_schema.triggers (PostgreSQL, MySQL, H2, SQL Server). */
    private static List<String> triggers(Connection connection, String schema) {
        List<String> triggers = new ArrayList<>();
        String sql = "SELECT DISTINCT trigger_name, event_object_table FROM information_schema.triggers"
                + (schema == null ? "" : " WHERE trigger_schema = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (schema != null) {
                statement.setString(1, schema);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    triggers.add("trigger " + rs.getString(1) + " on " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            // no information_schema.triggers here (Oracle, SQLite): nothing to list this way
        }
        return triggers;
    }
}
