package dev.migrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import schemacrawler.inclusionrule.InclusionRule;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Index;
import schemacrawler.schema.IndexColumn;
import schemacrawler.schema.Table;
import schemacrawler.schema.TableConstraintColumn;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/** Reads the tables of one schema with SchemaCrawler: columns and their types, primary keys, foreign keys. */
public final class CatalogReader {

    // SchemaCrawler reports every step through java.util.logging; a run needs none of it. The loggers are
    // held here because java.util.logging forgets the level of a logger nobody references.
    private static final Logger SCHEMACRAWLER_LOG = quiet("schemacrawler");
    private static final Logger FATEHI_LOG = quiet("us.fatehi");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /**
     * @param schema the schema (or, for MySQL, the database) to read; null reads every schema the connection sees
     */
    public SchemaSnapshot read(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            LimitOptionsBuilder limits = LimitOptionsBuilder.builder()
                    .tableTypes("TABLE", "BASE TABLE", "PARTITIONED TABLE");
            if (schema != null) {
                limits.includeSchemas(schemaRule(schema));
            }
            SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                    .withLimitOptions(limits.toOptions())
                    .withLoadOptions(LoadOptionsBuilder.builder()
                            .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard()).toOptions());
            Catalog catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(connection), options);
            ExactNames names = ExactNames.read(connection, catalog.getTables().stream().map(Table::getSchema).collect(Collectors.toSet()));
            List<TableInfo> tables = new ArrayList<>();
            for (Table table : catalog.getTables()) {
                tables.add(toTableInfo(table, names));
            }
            tables.sort(Comparator.comparing(TableInfo::name));
            return new SchemaSnapshot(schema, tables);
        }
    }

    /** Matches a schema by its own name, whatever catalog prefix or quoting SchemaCrawler gives its full name. */
    private static InclusionRule schemaRule(String schema) {
        return fullName -> {
            if (fullName == null) {
                return false;
            }
            String unquoted = fullName.replace("\"", "").replace("`", "");
            int dot = unquoted.lastIndexOf('.');
            String last = dot >= 0 ? unquoted.substring(dot + 1) : unquoted;
            return last.equalsIgnoreCase(schema) || unquoted.equalsIgnoreCase(schema);
        };
    }

    private static TableInfo toTableInfo(Table table, ExactNames names) {
        List<ColumnInfo> columns = table.getColumns().stream()
                .sorted(Comparator.comparingInt(Column::getOrdinalPosition))
                .map(c -> toColumnInfo(c, names.column(c)))
                .toList();
        List<String> primaryKey = table.getPrimaryKey() == null ? List.of()
                : table.getPrimaryKey().getConstrainedColumns().stream()
                        .sorted(Comparator.comparingInt(TableConstraintColumn::getTableConstraintOrdinalPosition))
                        .map(names::column)
                        .toList();
        List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
        for (ForeignKey fk : table.getImportedForeignKeys()) {
            List<ColumnReference> refs = fk.getColumnReferences();
            foreignKeys.add(new ForeignKeyInfo(fk.getName(), table.getName(),
                    refs.stream().map(r -> names.column(r.getForeignKeyColumn())).toList(),
                    fk.getPrimaryKeyTable().getName(),
                    refs.stream().map(r -> names.column(r.getPrimaryKeyColumn())).toList()));
        }
        List<IndexInfo> indexes = new ArrayList<>();
        for (Index index : table.getIndexes()) {
            List<String> indexColumns = index.getColumns().stream()
                    .sorted(Comparator.comparingInt(IndexColumn::getIndexOrdinalPosition))
                    .map(names::column)
                    .toList();
            if (index.isUnique() && indexColumns.equals(primaryKey) || indexColumns.isEmpty()) {
                continue;
            }
            indexes.add(new IndexInfo(index.getName(), indexColumns, index.isUnique()));
        }
        indexes.sort(Comparator.comparing(IndexInfo::name));
        String schemaName = table.getSchema() == null ? null : table.getSchema().getName();
        return new TableInfo(schemaName, table.getName(), columns, primaryKey, foreignKeys, indexes);
    }

    private static ColumnInfo toColumnInfo(Column column, String name) {
        Integer vendorType = column.getColumnDataType().getJavaSqlType().getVendorTypeNumber();
        return new ColumnInfo(name, vendorType == null ? Types.OTHER : vendorType,
                column.getColumnDataType().getName(), column.getSize(), column.getDecimalDigits(),
                column.isNullable(), column.isAutoIncremented(), column.isGenerated(), column.getDefaultValue(), null);
    }
}
