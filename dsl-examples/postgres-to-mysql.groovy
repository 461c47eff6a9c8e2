// Reporting tables copied from PostgreSQL into MySQL or MariaDB, in an explicit order.
//
//   PG_URL=jdbc:postgresql://db:5432/app MYSQL_URL=jdbc:mysql://reports:3306/app \
//   bin/migrate dsl-examples/postgres-to-mysql.groovy

migration 'app-postgres-to-mysql', {
    source {
        url env('PG_URL', 'jdbc:postgresql://127.0.0.1:5432/app')
        user env('PG_USER', 'postgres')
        password env('PG_PASSWORD', '')
    }
    target {
        url env('MYSQL_URL', 'jdbc:mysql://127.0.0.1:3306/app_reports')
        user env('MYSQL_USER', 'root')
        password env('MYSQL_PASSWORD', '')
    }
    settings {
        batchSize 5_000
        parallelism 2
        mode TRUNCATE_INSERT      // the report tables are rebuilt on every run
    }

    tables 'accounts', 'invoices', 'invoice_lines'

    table('accounts') {
        // MySQL has no boolean column: the target's TINYINT(1) takes true/false as 1/0
        column('display_name') { name, row -> "${row.first_name} ${row.last_name}".trim() }
        ignore 'password_hash'
    }

    table('invoices') {
        where "status <> 'draft'"
    }
}
