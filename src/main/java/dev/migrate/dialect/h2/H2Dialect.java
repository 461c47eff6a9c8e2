package dev.migrate.dialect.h2;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.ValueKind;

/** H2, embedded: JDBC batches; referential integrity can be switched off for the whole database. */
public final class H2Dialect extends AbstractDialect {

    public H2Dialect() {
        super("H2", "jdbc:h2:");
    }

    @Override
    public ValueKind kindOf(ColumnInfo column) {
        String type = column.typeName().toUpperCase(Locale.ROOT);
        if (type.equals("UUID")) {
            return ValueKind.UUID;
        }
        if (type.equals("JSON")) {
            return ValueKind.JSON;
        }
        if (type.startsWith("TIMESTAMP WITH TIME ZONE")) {
            return ValueKind.TIMESTAMP_TZ;
        }
        return super.kindOf(column);
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return Optional.of(ConstraintChecks.database(List.of("SET REFERENTIAL_INTEGRITY FALSE"), List.of("SET REFERENTIAL_INTEGRITY TRUE")));
    }
}
