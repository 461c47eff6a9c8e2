package dev.migrate.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a dialect's helpers get their connections: a database's pool. */
public interface Connections {

    Connection connection() throws SQLException;

    /** Closes a connection for good instead of giving it back: its session state is unknown. */
    void discard(Connection connection);
}
