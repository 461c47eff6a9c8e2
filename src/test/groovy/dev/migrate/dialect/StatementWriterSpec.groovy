package dev.migrate.dialect

import dev.migrate.schema.ColumnInfo
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer
import dev.migrate.transfer.TargetColumn
import dev.migrate.transfer.ValueKind
import dev.migrate.transfer.WriteTarget
import groovy.sql.Sql

import java.sql.Connection
import java.sql.DriverManager
import java.sql.SQLException
import java.sql.Types

/**
 * A statement writer sends each batch as one bulk statement: a refused one leaves nothing behind its savepoint, and
 * its refusal names the row it is about where the database says.
 */
class StatementWriterSpec extends DatabaseSpecification {

    def "#kind's statement writer sends a batch as one #method and names the third row of five as the one refused"() {
        given:
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, 'mig_statement')
        Sql dst = server.connect(db)
        cleanups << { dst.close() }
        dst.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT NOT NULL)'
        Dialect dialect = DialectRegistry.forUrl(server.url(db))
        Properties properties = dialect.driverProperties(Role.TARGET)
        properties.user = server.user
        properties.password = server.password ?: ''
        Connection connection = DriverManager.getConnection(server.url(db), properties)
        cleanups << { connection.close() }
        connection.autoCommit = false
        def columns = ['id', 'qty'].collect { new TargetColumn(new ColumnInfo(it, Types.INTEGER, 'INT', 10, 0, it == 'qty', false, false, null, 'INT'), ValueKind.INTEGER) }
        def target = new WriteTarget('items', dialect.quote('items'), columns, columns.collect { dialect.quote(it.name()) }, [])
        def writer = dialect.openStatementWriter(connection, target)
        Object[][] rows = [[1, 1], [2, 2], [3, null], [4, 4], [5, 5]] as Object[][]

        when:
        def savepoint = connection.setSavepoint()
        writer.add(rows, 5)

        then:
        SQLException refusal = thrown()
        writer.method() == method
        writer.refusedRow(refusal) == 2

        when:
        connection.rollback(savepoint)
        writer.add([[1, 1], [2, 2]] as Object[][], 2)
        writer.finish()
        writer.commit()

        then:
        dst.rows('SELECT id, qty FROM items ORDER BY id').collect { [it[0], it[1]] } == [[1, 1], [2, 2]]

        cleanup:
        writer?.close()

        where:
        kind         | method
        'PostgreSQL' | 'COPY'
        'MariaDB'    | 'LOAD DATA LOCAL INFILE'
    }
}
