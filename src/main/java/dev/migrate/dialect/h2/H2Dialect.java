package dev.migrate.dialect.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Connections;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.dialect.SessionSnapshot;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.NameRules;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.WriteTarget;
import dev.migrate.types.DataType;
import dev.migrate.types.TypeKind;

/** H2, embedded: JDBC batches; referential integrity can be switched off for the whole database. */
public final class H2Dialect extends AbstractDialect {

    public H2Dialect() {
        super("H2", "jdbc:h2:");
    }

    /** Names of up to 256 characters, any characters. */
    /**
     * One SNAPSHOT transaction that the readers take turns on: H2 keeps what it saw (its MVStore keeps the old
     * versions) while writers go on, and has no lock that would hold writers off while several sessions begin, so
     * one session is the only one moment. The reads of an H2 source take turns; the writes do not.
     */
    @Override
    public Optional<ReadSnapshot> snapshot(Connections pool, int readers) throws SQLException {
        return Optional.of(SessionSnapshot.oneSession(pool, "a SNAPSHOT transaction the readers take turns on",
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT", "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"));
    }

    @Override
    public NameRules nameRules() {
        return NameRules.utf16Units(256);
    }

    /**
     * A source must exist: H2 would otherwise create an empty database, and the run would find no tables. H2's own
     * trace file is not written: the tool reports the errors, and a database in a folder that cannot be created
     * would have H2 print its stack trace instead.
     */
    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        p.setProperty("TRACE_LEVEL_FILE", "0");
        if (role == Role.SOURCE) {
            p.setProperty("IFEXISTS", "TRUE");
        }
        return p;
    }

    /** H2's own upsert: MERGE ... KEY, which needs no typed row source. */
    @Override
    public String upsert(WriteTarget target) {
        return "MERGE INTO " + target.qualifiedName() + " (" + target.columnList() + ") KEY (" + String.join(", ", target.mergeKey())
                + ") VALUES (" + target.placeholders() + ")";
    }

    @Override
    public boolean canIndex(DataType type) {
        return type.kind() != TypeKind.TEXT && type.kind() != TypeKind.BLOB && type.kind() != TypeKind.JSON && type.kind() != TypeKind.OTHER;
    }

    @Override
    public void resetIdentities(Connection connection, TableInfo table, String qualifiedTable) throws SQLException {
        for (ColumnInfo column : table.columns()) {
            if (!column.autoIncrement()) {
                continue;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet max = statement.executeQuery("SELECT MAX(" + quote(column.name()) + ") FROM " + qualifiedTable)) {
                max.next();
                long highest = max.getLong(1);
                if (!max.wasNull()) {
                    statement.execute("ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quote(column.name()) + " RESTART WITH " + (highest + 1));
                }
            }
        }
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return Optional.of(ConstraintChecks.database(List.of("SET REFERENTIAL_INTEGRITY FALSE"), List.of("SET REFERENTIAL_INTEGRITY TRUE")));
    }
}
